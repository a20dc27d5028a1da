export * from './aead.js';
export * from './root-key.js';
export * from './key-material.js';
export * from './keyring.js';

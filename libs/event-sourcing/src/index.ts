export * from './aggregate-store.js';
export * from './jetstream-keyring-storage.js';

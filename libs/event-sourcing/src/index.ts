export * from './aggregate-store.js';
export * from './jetstream-keyring-storage.js';
export * from './model-digest.js';
export * from './read-model.js';
export * from './version-history.js';
export * from './entry-index.js';

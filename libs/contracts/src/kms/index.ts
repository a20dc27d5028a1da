export * from './requests.js';
export * from './grant-requests.js';
export * from './import-requests.js';
export * from './tag-requests.js';
export * from './alias-requests.js';
export * from './replies.js';
export * from './mac-requests.js';
export * from './key-policy-requests.js';

export * from './ids.js';
export * from './authn.requests.js';
export * from './tokens.requests.js';
export * from './projects.requests.js';
export * from './users.requests.js';
export * from './groups.requests.js';
export * from './policies.requests.js';
export * from './access-keys.requests.js';

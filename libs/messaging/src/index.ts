export * from './context.js';
export * from './rpc.js';
export * from './subjects.js';
export * from './connect.js';
export * from './permissions.js';
export * from './audit-publisher.js';
export * from './lease.js';
export * from './request-callers.js';

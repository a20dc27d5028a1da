export { HsmClient } from './client.js';
export type { HsmClientOptions, HsmEndpoint, KeyInfo } from './client.js';
export { adminMessage } from './admin-message.js';
export { HsmAdminClient } from './admin-client.js';
export { HSM_PROTO_PATH, loadHsmProto } from './proto.js';
export type { HsmProto } from './proto.js';
export { DEFAULT_RETRY, isTransient, withRetries } from './retry.js';
export { Balancer } from './balancer.js';
export type { RetryPolicy } from './retry.js';

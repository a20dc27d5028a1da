export { startTestNats } from './nats.js';
export type { StartTestNatsOptions, TestNats, TestNatsConnectOptions } from './nats.js';
export { DewSystem } from './dew-system.js';
export type { AdminCredentialsFile, DewSystemOptions } from './dew-system.js';
export { SdkClient, rawSignedRequest, tokenRequest } from './sdk-client.js';
export type { ApiCredentials, ApiResult, RawResponse } from './sdk-client.js';
export { refusal } from './expect-api.js';
export { openStoreCopy, filesContain } from './store-copy.js';
export type { StoreCopy } from './store-copy.js';

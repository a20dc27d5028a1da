import { createRequire } from 'node:module';
import type * as P11 from 'pkcs11js';

// pkcs11js is CommonJS whose constants Node's ESM loader cannot detect as named exports.
export const pkcs11 = createRequire(import.meta.url)('pkcs11js') as typeof P11;

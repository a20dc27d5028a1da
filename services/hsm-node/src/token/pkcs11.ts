import { createRequire } from 'node:module';
import type * as P11 from 'pkcs11js';

// pkcs11js is CommonJS whose constants Node's ESM loader cannot detect as named exports.
export const pkcs11 = createRequire(import.meta.url)('pkcs11js') as typeof P11;

/**
 * Loads and initialises a PKCS#11 library. Every token a process opens at once shares one such
 * instance: the library is loaded once per process, so a second C_Initialize would be refused.
 */
export function loadLibrary(path: string): P11.PKCS11 {
  const p11 = new pkcs11.PKCS11();
  p11.load(path);
  p11.C_Initialize();
  return p11;
}

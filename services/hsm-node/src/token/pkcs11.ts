import { createRequire } from 'node:module';
import type * as P11 from 'pkcs11js';
import { clearingOpenSslErrors } from '@dew/crypto';

// pkcs11js is CommonJS whose constants Node's ESM loader cannot detect as named exports.
export const pkcs11 = createRequire(import.meta.url)('pkcs11js') as typeof P11;

/**
 * Loads and initialises a PKCS#11 library. Every token a process opens at once shares one such
 * instance: the library is loaded once per process, so a second C_Initialize would be refused.
 * Each call empties OpenSSL's error queue behind it, or an error SoftHSM leaves there would close
 * the next TLS connection this node writes to (libs/crypto/src/openssl-error-queue.ts).
 */
export function loadLibrary(path: string): P11.PKCS11 {
  const p11 = clearingOpenSslErrors(new pkcs11.PKCS11());
  p11.load(path);
  p11.C_Initialize(THREAD_SAFE);
  return p11;
}

/**
 * The library locks for itself: key generations run on libuv's thread pool while the main thread
 * goes on calling it (Pkcs11Token.generateOffThread).
 */
export const THREAD_SAFE: P11.InitializationOptions = { flags: pkcs11.CKF_OS_LOCKING_OK };

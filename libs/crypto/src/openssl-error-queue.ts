import { createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';

/*
 * Why a PKCS#11 library's calls are followed by emptying OpenSSL's error queue
 * (docs/architecture.md, "A PKCS#11 module in a Node process"):
 *
 * Node exports the symbols of the OpenSSL it is built with, so a PKCS#11 module loaded into the
 * process (SoftHSM links libcrypto) runs on Node's OpenSSL and shares its per-thread error queue.
 * An error such a module leaves there — SoftHSM leaves `RSA_verify_PKCS1_PSS_mgf1: bad signature`
 * behind a refused CKM_RSA_PKCS_PSS verify — is read by the next TLS operation on the thread as
 * its own failure (SSL_get_error looks at the whole queue), and Node closes that connection: an
 * HSM node answering "signature invalid" over gRPC/TLS dropped the connection it answered on.
 */

let probeKey: KeyObject | undefined;

/**
 * Empties this thread's OpenSSL error queue. Node's `Verify#verify` clears the queue when it
 * returns (whatever its outcome); an empty signature fails at once, so this costs a few µs.
 */
export function clearOpenSslErrorQueue(): void {
  probeKey ??= generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
  createVerify('sha256').verify(probeKey, EMPTY);
}

const EMPTY = Buffer.alloc(0);

/**
 * The library with every method followed by `clearOpenSslErrorQueue`, returned or thrown: what a
 * PKCS#11 module leaves in the queue never outlives the call that left it.
 */
export function clearingOpenSslErrors<T extends object>(library: T): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(library, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let method = wrapped.get(property);
      if (method === undefined) {
        const fn = value as (...args: unknown[]) => unknown;
        method = (...args: unknown[]): unknown => {
          try {
            return fn.apply(target, args);
          } finally {
            clearOpenSslErrorQueue();
          }
        };
        wrapped.set(property, method);
      }
      return method;
    },
  });
}

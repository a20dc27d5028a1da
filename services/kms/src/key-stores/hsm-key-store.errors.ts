/**
 * Why a key store's HSM did not do what KMS asked (docs/key-stores-hsm.md, "Errors"). The key-store
 * operations map each kind to KMS's error family; the message names the key store and the reason,
 * never key material.
 * - `unavailable`: the instance does not serve (Frozen, deleted, no active node within the failover
 *   window, KMS's certificate refused); `retryable` when a later call may succeed as it is (failover).
 * - `refused`: enrolment refused (not the project's instance, another CA, not initialised).
 * - `unsupported`: a key spec, algorithm or message type a key store does not offer.
 * - `invalid-input`: the HSM refused the input (a ciphertext that does not authenticate, a label too long).
 * - `key-missing`: the instance holds no key by that id (destroyed, e.g. by its UKey holder).
 */
export type KeyStoreFailure = 'unavailable' | 'refused' | 'unsupported' | 'invalid-input' | 'key-missing';

export class KeyStoreError extends Error {
  constructor(readonly kind: KeyStoreFailure, readonly retryable: boolean, message: string) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

export const KeyStoreUnavailable = (keystoreId: string, reason: string, retryable: boolean): KeyStoreError =>
  new KeyStoreError('unavailable', retryable, `key store ${keystoreId} is unavailable: ${reason}${retryable ? '; retry' : ''}`);

export const KeyStoreRefused = (keystoreId: string, reason: string): KeyStoreError =>
  new KeyStoreError('refused', false, `key store ${keystoreId} cannot use this Dedicated HSM instance: ${reason}`);

export const KeyStoreUnsupported = (what: string, value: string, supported: readonly string[]): KeyStoreError =>
  new KeyStoreError('unsupported', false, `${what} ${JSON.stringify(value.slice(0, 40))} is not available in a key store; it offers ${supported.join(', ')}`);

export const KeyStoreInvalidInput = (keystoreId: string, reason: string): KeyStoreError =>
  new KeyStoreError('invalid-input', false, `key store ${keystoreId}: ${reason}`);

export const KeyStoreKeyMissing = (keystoreId: string, hsmKeyId: string): KeyStoreError =>
  new KeyStoreError('key-missing', false, `key store ${keystoreId} holds no key ${hsmKeyId.slice(0, 40)} (destroyed in the instance?)`);

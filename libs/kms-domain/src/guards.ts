import { DewError } from '@dew/contracts';
import { assertNever, findKey, type EnabledCmk, type Keyring, type LiveCmk } from './keyring.js';

/** Refusals shared by the keyring's commands. */

/** A live key, or KMS.0207 (404) for an unknown or destroyed one. */
export function liveKey(state: Keyring, keyId: string): LiveCmk {
  const k = findKey(state, keyId);
  if (!k) throw new DewError('KMS.0207', `key ${keyId} does not exist`);
  return k;
}

/** Default master keys refuse every management change. */
export function refuseDefault(k: LiveCmk, operation: string): void {
  if (k.isDefault) {
    throw new DewError('KMS.0211', `${operation} is not allowed on default master key ${k.alias} (${k.keyId})`);
  }
}

export function refusePendingDeletion(k: LiveCmk, operation: string): void {
  if (k.status === 'PendingDeletion') {
    throw new DewError('KMS.0210', `key ${k.keyId} is pending deletion; ${operation} is not allowed`);
  }
}

/** The key must be Enabled for `operation`: Disabled and PendingImport → KMS.0209, PendingDeletion → KMS.0210. */
export function requireEnabled(k: LiveCmk, operation: string): EnabledCmk {
  switch (k.status) {
    case 'Enabled':
      return k;
    case 'Disabled':
      throw new DewError('KMS.0209', `key ${k.keyId} is disabled; ${operation} needs an enabled key`);
    case 'PendingImport':
      throw new DewError(
        'KMS.0209',
        `key ${k.keyId} is pending import; ${operation} needs an enabled key (import key material first)`,
      );
    case 'PendingDeletion':
      throw new DewError('KMS.0210', `key ${k.keyId} is pending deletion; ${operation} is not allowed`);
    default:
      return assertNever(k);
  }
}

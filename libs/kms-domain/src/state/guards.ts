import {
  DefaultKeyUnchangeable,
  KeyAwaitsMaterial,
  KeyDisabled,
  KeyNotFound,
  KeyPendingDeletion,
} from '@dew/contracts';
import { assertNever } from '@dew/decider';
import type { EnabledCmk, Keyring, LiveCmk } from './keyring.state.js';
import { findKey } from './queries.js';

/** Refusals shared by the keyring's commands. */

/** A live key, or KMS.0207 (404) for an unknown or destroyed one. */
export function liveKey(state: Keyring, keyId: string): LiveCmk {
  const k = findKey(state, keyId);
  if (!k) throw KeyNotFound(keyId);
  return k;
}

/** Default master keys refuse every management change. */
export function refuseDefault(k: LiveCmk, operation: string): void {
  if (k.isDefault) throw DefaultKeyUnchangeable(k.alias, k.keyId, operation);
}

export function refusePendingDeletion(k: LiveCmk, operation: string): void {
  if (k.status === 'PendingDeletion') throw KeyPendingDeletion(k.keyId, operation);
}

/** The key must be Enabled for `operation`: Disabled and PendingImport → KMS.0209, PendingDeletion → KMS.0210. */
export function requireEnabled(k: LiveCmk, operation: string): EnabledCmk {
  switch (k.status) {
    case 'Enabled':
      return k;
    case 'Disabled':
      throw KeyDisabled(k.keyId, operation);
    case 'PendingImport':
      throw KeyAwaitsMaterial(k.keyId, operation);
    case 'PendingDeletion':
      throw KeyPendingDeletion(k.keyId, operation);
    default:
      return assertNever(k);
  }
}

/** The key a crypto call may use (only Enabled keys do crypto), or the refusal of docs/api-decisions.md, "Status and error codes". */
export function requireUsableKey(state: Keyring, keyId: string): EnabledCmk {
  const k = liveKey(state, keyId);
  switch (k.status) {
    case 'Enabled':
      return k;
    case 'Disabled':
      throw KeyDisabled(k.keyId);
    case 'PendingImport':
      throw KeyAwaitsMaterial(k.keyId);
    case 'PendingDeletion':
      throw KeyPendingDeletion(k.keyId);
    default:
      return assertNever(k);
  }
}

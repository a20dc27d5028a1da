import { DewError } from '../errors.js';
import { quote } from '../text.js';

/** Key stores (docs/api-decisions.md, "Key stores"): codes KMS.2901–KMS.2909, DEW's own (Huawei publishes none). */

/** KMS.2901: a field of a key-store request breaks its rule; names the field, the rule and the value. */
export function KeyStoreFieldInvalid(field: string, rule: string, got: string): DewError {
  return new DewError('KMS.2901', `${field} ${rule}, got ${quote(got.slice(0, 64))}`);
}

/** KMS.2902 (404): unknown, deleted, or another project's key store; the id is the caller's input, quoted and cut. */
export function KeyStoreNotFound(keystoreId: string): DewError {
  return new DewError('KMS.2902', `key store ${quote(keystoreId)} does not exist`);
}

export function KeyStoreAliasTaken(alias: string, keystoreId: string): DewError {
  return new DewError('KMS.2903', `keystore_alias ${quote(alias)} is already used by key store ${keystoreId}`);
}

/** One key store per Dedicated HSM instance (Huawei: "no dedicated keystores are created in the current cluster"). */
export function HsmInstanceBound(hsmClusterId: string, keystoreId: string): DewError {
  return new DewError('KMS.2903', `HSM instance ${hsmClusterId} already backs key store ${keystoreId}; one key store per instance`);
}

export function KeyStoreQuotaReached(quota: number, used: number): DewError {
  return new DewError('KMS.2904', `key store quota reached: at most ${quota} key stores per project, ${used} exist`);
}

/** KMS.2905: the store's state forbids the operation (enable an enabled store, delete an enabled one, use a disabled one). */
export function KeyStoreStateForbids(keystoreId: string, state: string, why: string): DewError {
  return new DewError('KMS.2905', `key store ${keystoreId} is ${state}; ${why}`);
}

export function KeyStoreHasKeys(keystoreId: string, keyIds: readonly string[]): DewError {
  const shown = keyIds.slice(0, 3).join(', ') + (keyIds.length > 3 ? ` and ${keyIds.length - 3} more` : '');
  return new DewError('KMS.2906', `key store ${keystoreId} still holds ${keyIds.length} key(s) not scheduled for deletion: ${shown}; schedule their deletion first`);
}

/** KMS.2907: a create-key field a key store cannot honour (spec, origin). */
export function KeyStoreUnsupported(keystoreId: string, what: string): DewError {
  return new DewError('KMS.2907', `key store ${keystoreId} cannot ${what}`);
}

/** KMS.2908: the HSM instance is unknown in the caller's project, or not in a state that serves keys. */
export function HsmInstanceUnusable(hsmClusterId: string, why: string): DewError {
  return new DewError('KMS.2908', `HSM instance ${hsmClusterId} ${why}`);
}

/** KMS.2908 as the key store's HSM layer words it (the instance refused, is not serving, or lost the key). */
export function KeyStoreInstanceUnusable(reason: string): DewError {
  return new DewError('KMS.2908', reason);
}

/**
 * KMS.2909 (409): the instance did not answer (a node failing over, a network fault). Retryable:
 * the same request succeeds once the instance answers again (docs/api-decisions.md, "Key stores").
 */
export function HsmInstanceUnreachable(hsmClusterId: string): DewError {
  return new DewError('KMS.2909', `HSM instance ${hsmClusterId} did not answer; retry the request in a few seconds`);
}

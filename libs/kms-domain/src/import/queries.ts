import type { Instant } from '@dew/decider';
import { isSymmetric } from '../key-specs.js';
import type { Keyring, KeyVersion, LiveCmk } from '../state/keyring.state.js';
import { bySoonest } from '../state/queries.js';


/** The keyring entry that sealed `version`'s material. */
export function materialOwner(key: LiveCmk, version: KeyVersion): string {
  return version.owner ?? key.keyId;
}

/** The keyring entry the next import must seal its material under: `<keyId>-m<imports + 1>`. */
export function nextMaterialOwner(key: LiveCmk): string {
  return `${key.keyId}-m${key.imported.imports + 1}`;
}

/**
 * Keys whose imported material the scheduler should delete now: External, symmetric, with
 * material, expiresAt ≤ now, Enabled|Disabled|PendingDeletion; soonest first.
 */
export function dueForMaterialExpiry(state: Keyring, now: Instant): string[] {
  const due: { keyId: string; at: Instant }[] = [];
  for (const k of state.keys.values()) {
    if (k.status === 'Destroyed' || k.status === 'PendingImport') continue;
    if (k.origin !== 'external' || !isSymmetric(k.keySpec) || k.versions.length === 0) continue;
    const at = k.imported.expiresAt;
    if (at !== null && at <= now) due.push({ keyId: k.keyId, at });
  }
  return due.sort(bySoonest).map((d) => d.keyId);
}

export interface ExpiredWrappingKey {
  readonly keyId: string;
  readonly wrappingKeyId: string;
}

/** Wrapping keys issued, not yet spent, and expired (expiresAt ≤ now): the service erases them and spends them. */
export function expiredWrappingKeys(state: Keyring, now: Instant): ExpiredWrappingKey[] {
  const out: ExpiredWrappingKey[] = [];
  for (const k of state.keys.values()) {
    if (k.status === 'Destroyed') continue;
    for (const w of k.imported.issuedWrappingKeys) {
      if (w.expiresAt <= now) out.push({ keyId: k.keyId, wrappingKeyId: w.wrappingKeyId });
    }
  }
  return out;
}

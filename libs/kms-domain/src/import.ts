import { DewError } from '@dew/contracts';
import { liveKey } from './guards.js';
import { isSymmetric } from './key-specs.js';
import {
  assertNever,
  WRAPPING_ALGORITHMS,
  type KeyringEvent,
  type Keyring,
  type KeyVersion,
  type LiveCmk,
  type WrappingAlgorithm,
} from './keyring.js';
import { quote } from '@dew/contracts';

/**
 * Bring your own key (docs/features.md, "Bring your own key"). An External key waits in PendingImport; the service hands out a
 * wrapping key pair (IssueImportParameters), unwraps the caller's material with it, re-seals it
 * under its own keyring entry (`<keyId>-m<n>`, see nextMaterialOwner) and imports it
 * (ImportKeyMaterial). The material may expire (symmetric only) or be deleted by hand; the key
 * then returns to PendingImport and takes only the byte-identical material again.
 */

export interface IssueImportParameters {
  readonly type: 'IssueImportParameters';
  readonly keyId: string;
  /** Keyring entry holding the wrapping private key (the service's). */
  readonly wrappingKeyId: string;
  /** Wire `wrapping_algorithm`. */
  readonly algorithm: string;
  readonly now: number;
  /** When the wrapping key and its token stop working (now + 24 h). */
  readonly expiresAt: number;
}
export interface ImportKeyMaterial {
  readonly type: 'ImportKeyMaterial';
  readonly keyId: string;
  /** The wrapping key the caller's material was unwrapped with (from the import token). */
  readonly wrappingKeyId: string;
  readonly material: { readonly wrapped: string; readonly publicKeyPem?: string; readonly owner: string };
  /** Keyed digest (hex) of the clear material. */
  readonly fingerprint: string;
  /** Material expiry; null = never. */
  readonly expiresAt: number | null;
  readonly now: number;
}
export type MaterialDeletionReason = 'manual' | 'expired';
/** `manual`: delete-imported-key-material; `expired`: the expiry scheduler (stale runs yield []). */
export interface DeleteImportedKeyMaterial {
  readonly type: 'DeleteImportedKeyMaterial';
  readonly keyId: string;
  readonly reason: MaterialDeletionReason;
  readonly now: number;
}
/** The service erased a wrapping key (expired, or abandoned): idempotent. */
export interface SpendImportParameters {
  readonly type: 'SpendImportParameters';
  readonly keyId: string;
  readonly wrappingKeyId: string;
  readonly now: number;
}

export type ImportCommand = IssueImportParameters | ImportKeyMaterial | DeleteImportedKeyMaterial | SpendImportParameters;

// ---- rules ---------------------------------------------------------------------------------

export function isWrappingAlgorithm(value: string): value is WrappingAlgorithm {
  return (WRAPPING_ALGORITHMS as readonly string[]).includes(value);
}

/** A wire `wrapping_algorithm`, or KMS.0308 naming the supported ones. */
export function parseWrappingAlgorithm(value: string): WrappingAlgorithm {
  if (isWrappingAlgorithm(value)) return value;
  throw new DewError(
    'KMS.0308',
    `wrapping_algorithm must be one of ${WRAPPING_ALGORITHMS.join(', ')}, got ${quote(value)}`,
  );
}

function requireExternal(k: LiveCmk): void {
  if (k.origin !== 'external') {
    throw new DewError(
      'KMS.0309',
      `key ${k.keyId} was created by KMS; only keys with origin external take imported material`,
    );
  }
}

function requirePendingImport(k: LiveCmk): void {
  if (k.status !== 'PendingImport') {
    throw new DewError('KMS.0310', `key ${k.keyId} is ${k.status}, not PendingImport`);
  }
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

// ---- decide --------------------------------------------------------------------------------

export function issueImportParameters(state: Keyring, cmd: IssueImportParameters): KeyringEvent[] {
  const k = liveKey(state, cmd.keyId);
  requireExternal(k);
  requirePendingImport(k);
  const algorithm = parseWrappingAlgorithm(cmd.algorithm);
  // Service-supplied values: a bad one is our bug, hence KMS.0101.
  if (cmd.wrappingKeyId.length === 0) throw new DewError('KMS.0101', 'wrapping key id is empty');
  if (k.imported.issuedWrappingKeys.some((w) => w.wrappingKeyId === cmd.wrappingKeyId)) {
    throw new DewError('KMS.0101', `wrapping key ${cmd.wrappingKeyId} was already issued for key ${k.keyId}`);
  }
  if (cmd.expiresAt <= cmd.now) throw new DewError('KMS.0101', 'import parameters must expire in the future');
  return [
    {
      type: 'ImportParametersIssued',
      keyId: k.keyId,
      wrappingKeyId: cmd.wrappingKeyId,
      algorithm,
      expiresAt: cmd.expiresAt,
      at: cmd.now,
    },
  ];
}

export function importKeyMaterial(state: Keyring, cmd: ImportKeyMaterial): KeyringEvent[] {
  const k = liveKey(state, cmd.keyId);
  requireExternal(k);
  requirePendingImport(k);
  if (!k.imported.issuedWrappingKeys.some((w) => w.wrappingKeyId === cmd.wrappingKeyId)) {
    throw new DewError('KMS.2605', `import token already used or unknown for key ${k.keyId}`);
  }
  if (cmd.expiresAt !== null && cmd.expiresAt <= cmd.now) {
    throw new DewError(
      'KMS.2602',
      `expiration_time must be in the future: ${iso(cmd.expiresAt)} is not after now (${iso(cmd.now)})`,
    );
  }
  if (cmd.expiresAt !== null && !isSymmetric(k.keySpec)) {
    throw new DewError(
      'KMS.0308',
      `key ${k.keyId} is ${k.keySpec}: asymmetric imported material never expires; omit expiration_time`,
    );
  }
  if (cmd.fingerprint.length === 0) throw new DewError('KMS.0101', 'material fingerprint is empty');
  if (cmd.material.wrapped.length === 0) throw new DewError('KMS.0101', 'wrapped key material is empty');
  if (cmd.material.owner.length === 0) throw new DewError('KMS.0101', 'material owner is empty');
  if (k.imported.fingerprint !== null && k.imported.fingerprint !== cmd.fingerprint) {
    throw new DewError(
      'KMS.2606',
      `key ${k.keyId} is bound to the material first imported; a re-import must be byte-identical`,
    );
  }
  const m = cmd.material;
  return [
    {
      type: 'KeyMaterialImported',
      keyId: k.keyId,
      material:
        m.publicKeyPem === undefined
          ? { version: 1, wrapped: m.wrapped, owner: m.owner }
          : { version: 1, wrapped: m.wrapped, publicKeyPem: m.publicKeyPem, owner: m.owner },
      fingerprint: cmd.fingerprint,
      expiresAt: cmd.expiresAt,
      wrappingKeyId: cmd.wrappingKeyId,
      at: cmd.now,
    },
    { type: 'ImportParametersSpent', keyId: k.keyId, wrappingKeyId: cmd.wrappingKeyId, at: cmd.now },
  ];
}

export function deleteImportedKeyMaterial(state: Keyring, cmd: DeleteImportedKeyMaterial): KeyringEvent[] {
  const stored = state.keys.get(cmd.keyId);
  if (!stored) throw new DewError('KMS.0207', `key ${cmd.keyId} does not exist`);
  // A stale expiry run on a key destroyed meanwhile is harmless.
  if (stored.status === 'Destroyed' && cmd.reason === 'expired') return [];
  const k = liveKey(state, cmd.keyId);
  requireExternal(k);
  if (!isSymmetric(k.keySpec)) {
    throw new DewError('KMS.2701', `key ${k.keyId} is ${k.keySpec}: asymmetric imported material cannot be deleted`);
  }
  const deleted: KeyringEvent[] = [{ type: 'KeyMaterialDeleted', keyId: k.keyId, reason: cmd.reason, at: cmd.now }];
  switch (cmd.reason) {
    case 'manual':
      if (k.status !== 'Enabled' && k.status !== 'Disabled') {
        throw new DewError(
          'KMS.2701',
          `key ${k.keyId} is ${k.status}; imported material can be deleted only when the key is Enabled or Disabled`,
        );
      }
      return deleted;
    case 'expired': {
      const due = k.imported.expiresAt;
      if (k.status === 'PendingImport' || k.versions.length === 0 || due === null || due > cmd.now) return [];
      return deleted;
    }
    default:
      return assertNever(cmd.reason);
  }
}

export function spendImportParameters(state: Keyring, cmd: SpendImportParameters): KeyringEvent[] {
  const k = liveKey(state, cmd.keyId);
  if (!k.imported.issuedWrappingKeys.some((w) => w.wrappingKeyId === cmd.wrappingKeyId)) return [];
  return [{ type: 'ImportParametersSpent', keyId: k.keyId, wrappingKeyId: cmd.wrappingKeyId, at: cmd.now }];
}

// ---- queries -------------------------------------------------------------------------------

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
export function dueForMaterialExpiry(state: Keyring, now: number): string[] {
  const due: { keyId: string; at: number }[] = [];
  for (const k of state.keys.values()) {
    if (k.status === 'Destroyed' || k.status === 'PendingImport') continue;
    if (k.origin !== 'external' || !isSymmetric(k.keySpec) || k.versions.length === 0) continue;
    const at = k.imported.expiresAt;
    if (at !== null && at <= now) due.push({ keyId: k.keyId, at });
  }
  return due.sort((a, b) => a.at - b.at || compare(a.keyId, b.keyId)).map((d) => d.keyId);
}

export interface ExpiredWrappingKey {
  readonly keyId: string;
  readonly wrappingKeyId: string;
}

/** Wrapping keys issued, not yet spent, and expired (expiresAt ≤ now): the service erases them and spends them. */
export function expiredWrappingKeys(state: Keyring, now: number): ExpiredWrappingKey[] {
  const out: ExpiredWrappingKey[] = [];
  for (const k of state.keys.values()) {
    if (k.status === 'Destroyed') continue;
    for (const w of k.imported.issuedWrappingKeys) {
      if (w.expiresAt <= now) out.push({ keyId: k.keyId, wrappingKeyId: w.wrappingKeyId });
    }
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

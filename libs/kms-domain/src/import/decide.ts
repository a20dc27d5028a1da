import type { Instant } from '@dew/decider';
import {
  FieldNotOneOf,
  ImportTokenUnusable,
  InvalidKmsParameter,
  KeyNotExternal,
  KeyNotFound,
  KeyNotPendingImport,
  KmsInternalFault,
  MaterialExpiryNotInFuture,
  MaterialNotDeletable,
  ReimportedMaterialDiffers,
  WrappedMaterialEmpty,
} from '@dew/contracts';
import { isSymmetric } from '../key-specs.js';
import { assertNever } from '@dew/decider';
import { liveKey } from '../state/guards.js';
import { WRAPPING_ALGORITHMS, type Keyring, type LiveCmk, type WrappingAlgorithm } from '../state/keyring.state.js';
import type { ImportEvent, ImportParametersIssued, ImportParametersSpent, KeyMaterialDeleted } from './events.js';

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
  readonly now: Instant;
  /** When the wrapping key and its token stop working (now + 24 h). */
  readonly expiresAt: Instant;
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
  readonly expiresAt: Instant | null;
  readonly now: Instant;
}
export type MaterialDeletionReason = 'manual' | 'expired';
/** `manual`: delete-imported-key-material; `expired`: the expiry scheduler (stale runs yield []). */
export interface DeleteImportedKeyMaterial {
  readonly type: 'DeleteImportedKeyMaterial';
  readonly keyId: string;
  readonly reason: MaterialDeletionReason;
  readonly now: Instant;
}
/** The service erased a wrapping key (expired, or abandoned): idempotent. */
export interface SpendImportParameters {
  readonly type: 'SpendImportParameters';
  readonly keyId: string;
  readonly wrappingKeyId: string;
  readonly now: Instant;
}

export type ImportCommand = IssueImportParameters | ImportKeyMaterial | DeleteImportedKeyMaterial | SpendImportParameters;

export function decideImport(state: Keyring, command: ImportCommand): readonly ImportEvent[] {
  switch (command.type) {
    case 'IssueImportParameters':
      return issueImportParameters(state, command);
    case 'ImportKeyMaterial':
      return importKeyMaterial(state, command);
    case 'DeleteImportedKeyMaterial':
      return deleteImportedKeyMaterial(state, command);
    case 'SpendImportParameters':
      return spendImportParameters(state, command);
    default:
      return assertNever(command);
  }
}

// ---- rules ---------------------------------------------------------------------------------

export function isWrappingAlgorithm(value: string): value is WrappingAlgorithm {
  return (WRAPPING_ALGORITHMS as readonly string[]).includes(value);
}

/** A wire `wrapping_algorithm`, or KMS.0308 naming the supported ones. */
export function parseWrappingAlgorithm(value: string): WrappingAlgorithm {
  if (isWrappingAlgorithm(value)) return value;
  throw FieldNotOneOf('wrapping_algorithm', WRAPPING_ALGORITHMS, value);
}

function requireExternal(k: LiveCmk): void {
  if (k.origin !== 'external') throw KeyNotExternal(k.keyId);
}

function requirePendingImport(k: LiveCmk): void {
  if (k.status !== 'PendingImport') throw KeyNotPendingImport(k.keyId, k.status);
}

function iso(ms: Instant): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

// ---- decide --------------------------------------------------------------------------------

export function issueImportParameters(state: Keyring, cmd: IssueImportParameters): ImportParametersIssued[] {
  const k = liveKey(state, cmd.keyId);
  requireExternal(k);
  requirePendingImport(k);
  const algorithm = parseWrappingAlgorithm(cmd.algorithm);
  // Service-supplied values: a bad one is our bug, hence KMS.0101.
  if (cmd.wrappingKeyId.length === 0) throw KmsInternalFault('wrapping key id is empty');
  if (k.imported.issuedWrappingKeys.some((w) => w.wrappingKeyId === cmd.wrappingKeyId)) {
    throw KmsInternalFault(`wrapping key ${cmd.wrappingKeyId} was already issued for key ${k.keyId}`);
  }
  if (cmd.expiresAt <= cmd.now) throw KmsInternalFault('import parameters must expire in the future');
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

export function importKeyMaterial(state: Keyring, cmd: ImportKeyMaterial): ImportEvent[] {
  const k = liveKey(state, cmd.keyId);
  requireExternal(k);
  requirePendingImport(k);
  if (!k.imported.issuedWrappingKeys.some((w) => w.wrappingKeyId === cmd.wrappingKeyId)) {
    throw ImportTokenUnusable(`import token already used or unknown for key ${k.keyId}`);
  }
  if (cmd.expiresAt !== null && cmd.expiresAt <= cmd.now) {
    throw MaterialExpiryNotInFuture(iso(cmd.expiresAt), iso(cmd.now));
  }
  if (cmd.expiresAt !== null && !isSymmetric(k.keySpec)) {
    throw InvalidKmsParameter(`key ${k.keyId} is ${k.keySpec}: asymmetric imported material never expires; omit expiration_time`);
  }
  if (cmd.fingerprint.length === 0) throw KmsInternalFault('material fingerprint is empty');
  if (cmd.material.wrapped.length === 0) throw WrappedMaterialEmpty();
  if (cmd.material.owner.length === 0) throw KmsInternalFault('material owner is empty');
  if (k.imported.fingerprint !== null && k.imported.fingerprint !== cmd.fingerprint) throw ReimportedMaterialDiffers(k.keyId);
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

export function deleteImportedKeyMaterial(state: Keyring, cmd: DeleteImportedKeyMaterial): KeyMaterialDeleted[] {
  const stored = state.keys.get(cmd.keyId);
  if (!stored) throw KeyNotFound(cmd.keyId);
  // A stale expiry run on a key destroyed meanwhile is harmless.
  if (stored.status === 'Destroyed' && cmd.reason === 'expired') return [];
  const k = liveKey(state, cmd.keyId);
  requireExternal(k);
  if (!isSymmetric(k.keySpec)) {
    throw MaterialNotDeletable(`key ${k.keyId} is ${k.keySpec}: asymmetric imported material cannot be deleted`);
  }
  const deleted: KeyMaterialDeleted[] = [{ type: 'KeyMaterialDeleted', keyId: k.keyId, reason: cmd.reason, at: cmd.now }];
  switch (cmd.reason) {
    case 'manual':
      if (k.status !== 'Enabled' && k.status !== 'Disabled') {
        throw MaterialNotDeletable(
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

export function spendImportParameters(state: Keyring, cmd: SpendImportParameters): ImportParametersSpent[] {
  const k = liveKey(state, cmd.keyId);
  if (!k.imported.issuedWrappingKeys.some((w) => w.wrappingKeyId === cmd.wrappingKeyId)) return [];
  return [{ type: 'ImportParametersSpent', keyId: k.keyId, wrappingKeyId: cmd.wrappingKeyId, at: cmd.now }];
}

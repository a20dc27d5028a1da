import type { Instant } from '@dew/decider';
import type { ImportedKeyMaterial, WrappingAlgorithm } from '../state/keyring.state.js';

/** A wrapping key pair was handed out for an import (its private half lives in the keyring; no secret here). */
export interface ImportParametersIssued {
  readonly type: 'ImportParametersIssued';
  readonly keyId: string;
  readonly wrappingKeyId: string;
  readonly algorithm: WrappingAlgorithm;
  readonly expiresAt: Instant;
  readonly at: Instant;
}
/** A wrapping key was used or expired: the service erased its keyring entry. */
export interface ImportParametersSpent {
  readonly type: 'ImportParametersSpent';
  readonly keyId: string;
  readonly wrappingKeyId: string;
  readonly at: Instant;
}
/** The key becomes Enabled with exactly this one version (version 1). */
export interface KeyMaterialImported {
  readonly type: 'KeyMaterialImported';
  readonly keyId: string;
  readonly material: ImportedKeyMaterial;
  /** Keyed digest (hex) of the clear material; the first one binds the key forever. */
  readonly fingerprint: string;
  /** Material expiry; null = never. */
  readonly expiresAt: Instant | null;
  readonly wrappingKeyId: string;
  readonly at: Instant;
}
/** Material gone: back to PendingImport (a key pending deletion stays so, without material). */
export interface KeyMaterialDeleted {
  readonly type: 'KeyMaterialDeleted';
  readonly keyId: string;
  readonly reason: 'manual' | 'expired';
  readonly at: Instant;
}

export type ImportEvent = ImportParametersIssued | ImportParametersSpent | KeyMaterialImported | KeyMaterialDeleted;

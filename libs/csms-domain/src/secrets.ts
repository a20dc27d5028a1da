import type { SecretTag } from './rules.js';
import { placeStages, removeStage, versionNumber, type Stages } from './versions.js';

/**
 * The project's secret set: every secret of one project, one event subject, so name uniqueness
 * and the 200-secret quota are guarded by one expected-sequence append.
 */

/** A value sealed by the service under a KMS key: opaque here, the domain never sees plaintext. */
export interface EncryptedValue {
  readonly kmsKeyId: string;
  readonly sealed: string;
  /**
   * The keyring entry that sealed it: the secret's id, or for a restored secret a fresh owner id,
   * so no keyring entry is ever written twice under one id (absent in values written before).
   */
  readonly owner?: string;
}

export interface Version {
  /** `v1`, `v2`, … */
  readonly id: string;
  readonly createdAt: number;
  /** ms; null = never. */
  readonly expireTime: number | null;
  readonly kmsKeyId: string;
  readonly value: EncryptedValue;
}

// ---- events --------------------------------------------------------------------------------

export interface SecretCreated {
  readonly type: 'SecretCreated';
  readonly secretId: string;
  readonly name: string;
  readonly description: string;
  readonly kmsKeyId: string;
  readonly secretType: string;
  readonly at: number;
  /** Staged SYSCURRENT. */
  readonly firstVersion: { readonly versionId: 'v1'; readonly value: EncryptedValue; readonly expireTime: number | null };
}
export interface SecretUpdated {
  readonly type: 'SecretUpdated';
  readonly secretId: string;
  readonly kmsKeyId?: string;
  readonly description?: string;
  readonly at: number;
}
export interface SecretVersionAdded {
  readonly type: 'SecretVersionAdded';
  readonly secretId: string;
  readonly versionId: string;
  readonly value: EncryptedValue;
  /** Put on the new version; SYSCURRENT among them leaves SYSPREVIOUS on its former holder. */
  readonly stages: readonly string[];
  readonly expireTime: number | null;
  /** The oldest version with no stage, removed because 20 versions existed. */
  readonly removedVersionId: string | null;
  readonly at: number;
}
export interface VersionStageMoved {
  readonly type: 'VersionStageMoved';
  readonly secretId: string;
  readonly stage: string;
  readonly versionId: string;
  /** Former holder; for SYSCURRENT it gets SYSPREVIOUS. */
  readonly previousVersionId: string | null;
  readonly at: number;
}
export interface SecretStageDeleted {
  readonly type: 'SecretStageDeleted';
  readonly secretId: string;
  readonly stage: string;
  readonly at: number;
}
export interface SecretVersionExpiryChanged {
  readonly type: 'SecretVersionExpiryChanged';
  readonly secretId: string;
  readonly versionId: string;
  readonly expireTime: number | null;
  readonly at: number;
}
export interface SecretDeletionScheduled {
  readonly type: 'SecretDeletionScheduled';
  readonly secretId: string;
  readonly deleteAt: number;
  readonly at: number;
}
export interface SecretDeletionCancelled {
  readonly type: 'SecretDeletionCancelled';
  readonly secretId: string;
  readonly at: number;
}
/** Deleted now or at the deadline: name and quota slot are freed. */
export interface SecretDeleted {
  readonly type: 'SecretDeleted';
  readonly secretId: string;
  readonly at: number;
}
/** Recreated from a backup. */
export interface SecretRestored {
  readonly type: 'SecretRestored';
  readonly secretId: string;
  readonly name: string;
  readonly description: string;
  readonly kmsKeyId: string;
  readonly secretType: string;
  readonly versions: readonly Version[];
  readonly stages: Stages;
  readonly tags: readonly SecretTag[];
  readonly at: number;
}
export interface SecretTagsChanged {
  readonly type: 'SecretTagsChanged';
  readonly secretId: string;
  /** Tags added or given a new value. */
  readonly set: readonly SecretTag[];
  /** Tag keys removed. */
  readonly removed: readonly string[];
  readonly at: number;
}

export type SecretEvent =
  | SecretCreated
  | SecretUpdated
  | SecretVersionAdded
  | VersionStageMoved
  | SecretStageDeleted
  | SecretVersionExpiryChanged
  | SecretDeletionScheduled
  | SecretDeletionCancelled
  | SecretDeleted
  | SecretRestored
  | SecretTagsChanged;

// ---- state ---------------------------------------------------------------------------------

export type SecretStatus = 'Enabled' | 'PendingDeletion' | 'Deleted';

export interface Secret {
  readonly status: SecretStatus;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly kmsKeyId: string;
  readonly secretType: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Set while PendingDeletion. */
  readonly scheduledDeleteAt: number | null;
  /** Oldest first. */
  readonly versions: readonly Version[];
  /** stage → versionId; a version's stages are derived (versionStages). */
  readonly stages: Stages;
  readonly tags: readonly SecretTag[];
  /** Highest version number ever used: the next version is `v<n+1>`. */
  readonly lastVersionNumber: number;
}

export interface SecretSet {
  readonly projectId: string;
  /** secretId → secret, Deleted ones included as tombstones. */
  readonly secrets: ReadonlyMap<string, Secret>;
  /** name → secretId, non-deleted secrets only (their count is the quota's). */
  readonly names: ReadonlyMap<string, string>;
}

export function initialSecretSet(projectId: string): SecretSet {
  return { projectId, secrets: new Map(), names: new Map() };
}

// ---- evolve --------------------------------------------------------------------------------

function withSecret(state: SecretSet, s: Secret): SecretSet {
  const secrets = new Map(state.secrets);
  secrets.set(s.id, s);
  return { ...state, secrets };
}

/** Events are facts already decided: evolve never refuses. One for an unknown or deleted secret is ignored. */
function update(state: SecretSet, secretId: string, change: (s: Secret) => Secret): SecretSet {
  const s = state.secrets.get(secretId);
  return s && s.status !== 'Deleted' ? withSecret(state, change(s)) : state;
}

function highestVersion(versions: readonly Version[]): number {
  return versions.reduce((n, v) => Math.max(n, versionNumber(v.id) ?? 0), 0);
}

/** A new Enabled secret (created or restored) under its name. */
function addSecret(
  state: SecretSet,
  e: { readonly secretId: string; readonly name: string; readonly description: string; readonly kmsKeyId: string; readonly secretType: string; readonly at: number },
  content: Pick<Secret, 'versions' | 'stages' | 'tags' | 'lastVersionNumber'>,
): SecretSet {
  const s: Secret = {
    status: 'Enabled',
    id: e.secretId,
    name: e.name,
    description: e.description,
    kmsKeyId: e.kmsKeyId,
    secretType: e.secretType,
    createdAt: e.at,
    updatedAt: e.at,
    scheduledDeleteAt: null,
    ...content,
  };
  const names = new Map(state.names);
  names.set(s.name, s.id);
  return { ...withSecret(state, s), names };
}

export function evolve(state: SecretSet, event: SecretEvent): SecretSet {
  switch (event.type) {
    case 'SecretCreated': {
      if (state.names.has(event.name)) return state;
      const v1: Version = {
        id: event.firstVersion.versionId,
        createdAt: event.at,
        expireTime: event.firstVersion.expireTime,
        kmsKeyId: event.firstVersion.value.kmsKeyId,
        value: event.firstVersion.value,
      };
      return addSecret(state, event, { versions: [v1], stages: placeStages({}, v1.id, ['SYSCURRENT']), tags: [], lastVersionNumber: 1 });
    }
    case 'SecretRestored': {
      if (state.names.has(event.name)) return state;
      return addSecret(state, event, { versions: event.versions, stages: event.stages, tags: event.tags, lastVersionNumber: highestVersion(event.versions) });
    }
    case 'SecretUpdated':
      return update(state, event.secretId, (s) => ({
        ...s,
        kmsKeyId: event.kmsKeyId ?? s.kmsKeyId,
        description: event.description ?? s.description,
        updatedAt: event.at,
      }));
    case 'SecretVersionAdded':
      return update(state, event.secretId, (s) => {
        const version: Version = {
          id: event.versionId,
          createdAt: event.at,
          expireTime: event.expireTime,
          kmsKeyId: event.value.kmsKeyId,
          value: event.value,
        };
        const versions = [...s.versions, version].filter((v) => v.id !== event.removedVersionId);
        return {
          ...s,
          versions,
          stages: placeStages(s.stages, event.versionId, event.stages),
          lastVersionNumber: Math.max(s.lastVersionNumber, versionNumber(event.versionId) ?? 0),
          updatedAt: event.at,
        };
      });
    case 'VersionStageMoved':
      return update(state, event.secretId, (s) => ({
        ...s,
        stages: placeStages(s.stages, event.versionId, [event.stage]),
        updatedAt: event.at,
      }));
    case 'SecretStageDeleted':
      return update(state, event.secretId, (s) => ({ ...s, stages: removeStage(s.stages, event.stage), updatedAt: event.at }));
    case 'SecretVersionExpiryChanged':
      return update(state, event.secretId, (s) => ({
        ...s,
        versions: s.versions.map((v) => (v.id === event.versionId ? { ...v, expireTime: event.expireTime } : v)),
        updatedAt: event.at,
      }));
    case 'SecretDeletionScheduled':
      return update(state, event.secretId, (s) => ({
        ...s,
        status: 'PendingDeletion',
        scheduledDeleteAt: event.deleteAt,
        updatedAt: event.at,
      }));
    case 'SecretDeletionCancelled':
      return update(state, event.secretId, (s) => ({ ...s, status: 'Enabled', scheduledDeleteAt: null, updatedAt: event.at }));
    case 'SecretDeleted': {
      const s = state.secrets.get(event.secretId);
      if (!s || s.status === 'Deleted') return state;
      const next = withSecret(state, { ...s, status: 'Deleted', scheduledDeleteAt: null, updatedAt: event.at });
      if (state.names.get(s.name) !== s.id) return next;
      const names = new Map(state.names);
      names.delete(s.name);
      return { ...next, names };
    }
    case 'SecretTagsChanged':
      return update(state, event.secretId, (s) => ({
        ...s,
        tags: applyTagChange(s.tags, event.set, event.removed),
      }));
    default:
      return assertNever(event);
  }
}

/** Removed keys go; set tags update in place (one value per key) or are appended, in order. */
export function applyTagChange(
  tags: readonly SecretTag[],
  set: readonly SecretTag[],
  removed: readonly string[],
): readonly SecretTag[] {
  const gone = new Set(removed);
  const out = tags.filter((t) => !gone.has(t.key));
  for (const t of set) {
    const i = out.findIndex((o) => o.key === t.key);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}

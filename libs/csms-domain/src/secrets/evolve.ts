import type { Instant } from '@dew/decider';
import { assertNever } from '@dew/decider';
import { changeLiveSecret, withSecret, type Secret, type SecretSet, type Version } from '../state/secret-set.js';
import { SYSCURRENT, placeStages, versionNumber } from '../state/stages.js';
import type { SecretCreated, SecretLifecycleEvent, SecretRestored } from './events.js';

function highestVersion(versions: readonly Version[]): number {
  return versions.reduce((n, v) => Math.max(n, versionNumber(v.id) ?? 0), 0);
}

/** A new Enabled secret (created or restored) under its name. */
function addSecret(
  state: SecretSet,
  e: SecretCreated | SecretRestored,
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
  return { ...withSecret(state, s), names: state.names.set(s.name, s.id), deletedIds: state.deletedIds.delete(s.id) };
}

/**
 * The secret leaves the set with its name, quota slot and rotation plan; only its id stays
 * (`deletedIds`), so the set grows by an id, not a secret, per deletion.
 */
function deleteSecret(state: SecretSet, secretId: string, at: Instant): SecretSet {
  const s = state.secrets.get(secretId);
  if (!s) return state;
  return {
    ...state,
    secrets: state.secrets.delete(secretId),
    names: state.names.get(s.name) === s.id ? state.names.delete(s.name) : state.names,
    rotations: state.rotations.delete(secretId),
    deletedIds: state.deletedIds.set(secretId, at),
  };
}

export function evolveSecretLifecycle(state: SecretSet, event: SecretLifecycleEvent): SecretSet {
  switch (event.type) {
    case 'SecretCreated': {
      if (state.names.has(event.name)) return state;
      const { versionId, value, expireTime } = event.firstVersion;
      const v1: Version = { id: versionId, createdAt: event.at, expireTime, kmsKeyId: value.kmsKeyId, value };
      return addSecret(state, event, { versions: [v1], stages: placeStages({}, v1.id, [SYSCURRENT]), tags: [], lastVersionNumber: 1 });
    }
    case 'SecretRestored': {
      if (state.names.has(event.name)) return state;
      return addSecret(state, event, { versions: event.versions, stages: event.stages, tags: event.tags, lastVersionNumber: highestVersion(event.versions) });
    }
    case 'SecretUpdated':
      return changeLiveSecret(state, event.secretId, (s) => ({
        ...s,
        kmsKeyId: event.kmsKeyId ?? s.kmsKeyId,
        description: event.description ?? s.description,
        updatedAt: event.at,
      }));
    case 'SecretDeletionScheduled':
      return changeLiveSecret(state, event.secretId, (s) => ({
        ...s,
        status: 'PendingDeletion',
        scheduledDeleteAt: event.deleteAt,
        updatedAt: event.at,
      }));
    case 'SecretDeletionCancelled':
      return changeLiveSecret(state, event.secretId, (s) => ({ ...s, status: 'Enabled', scheduledDeleteAt: null, updatedAt: event.at }));
    case 'SecretDeleted':
      return deleteSecret(state, event.secretId, event.at);
    default:
      return assertNever(event);
  }
}

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
  const names = new Map(state.names);
  names.set(s.name, s.id);
  return { ...withSecret(state, s), names };
}

/** The name and quota slot go with the secret; the secret stays as a Deleted tombstone. */
function deleteSecret(state: SecretSet, secretId: string, at: Instant): SecretSet {
  const s = state.secrets.get(secretId);
  if (!s || s.status === 'Deleted') return state;
  const next = withSecret(state, { ...s, status: 'Deleted', scheduledDeleteAt: null, updatedAt: at });
  if (state.names.get(s.name) !== s.id) return next;
  const names = new Map(state.names);
  names.delete(s.name);
  return { ...next, names };
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

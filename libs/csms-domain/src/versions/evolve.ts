import { assertNever } from '@dew/decider';
import { changeLiveSecret, type Secret, type SecretSet, type Version } from '../state/secret-set.js';
import { placeStages, removeStage, versionNumber } from '../state/stages.js';
import type { SecretVersionAdded, VersionEvent } from './events.js';

/** What a new version brings: its id, value, stages, expiry and the version it pushes out. */
export type NewVersionFacts = Pick<SecretVersionAdded, 'versionId' | 'value' | 'stages' | 'expireTime' | 'removedVersionId' | 'at'>;

/** `s` with a new version (added or rotated in). */
export function withNewVersion(s: Secret, e: NewVersionFacts): Secret {
  const version: Version = { id: e.versionId, createdAt: e.at, expireTime: e.expireTime, kmsKeyId: e.value.kmsKeyId, value: e.value };
  return {
    ...s,
    versions: [...s.versions, version].filter((v) => v.id !== e.removedVersionId),
    stages: placeStages(s.stages, e.versionId, e.stages),
    lastVersionNumber: Math.max(s.lastVersionNumber, versionNumber(e.versionId) ?? 0),
    updatedAt: e.at,
  };
}

export function evolveVersions(state: SecretSet, event: VersionEvent): SecretSet {
  switch (event.type) {
    case 'SecretVersionAdded':
      return changeLiveSecret(state, event.secretId, (s) => withNewVersion(s, event));
    case 'VersionStageMoved':
      return changeLiveSecret(state, event.secretId, (s) => ({
        ...s,
        stages: placeStages(s.stages, event.versionId, [event.stage]),
        updatedAt: event.at,
      }));
    case 'SecretStageDeleted':
      return changeLiveSecret(state, event.secretId, (s) => ({ ...s, stages: removeStage(s.stages, event.stage), updatedAt: event.at }));
    case 'SecretVersionExpiryChanged':
      return changeLiveSecret(state, event.secretId, (s) => ({
        ...s,
        versions: s.versions.map((v) => (v.id === event.versionId ? { ...v, expireTime: event.expireTime, expired: false } : v)),
        updatedAt: event.at,
      }));
    default:
      return assertNever(event);
  }
}

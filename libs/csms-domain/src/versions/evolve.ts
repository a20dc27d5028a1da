import { assertNever } from '@dew/decider';
import { changeLiveSecret, type SecretSet, type Version } from '../state/secret-set.js';
import { placeStages, removeStage, versionNumber } from '../state/stages.js';
import type { VersionEvent } from './events.js';

export function evolveVersions(state: SecretSet, event: VersionEvent): SecretSet {
  switch (event.type) {
    case 'SecretVersionAdded':
      return changeLiveSecret(state, event.secretId, (s) => {
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

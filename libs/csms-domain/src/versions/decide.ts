import type { Instant } from '@dew/decider';
import { StageNotFound, SystemStageNotDeletable, VersionNotFound } from '@dew/contracts';
import { assertNever } from '@dew/decider';
import { validateExpireTime, validateSealedValue } from '../rules/secret-fields.js';
import { validateStageName, validateVersionStages } from '../rules/stage-fields.js';
import { findVersion, requireEnabledSecret } from '../state/queries.js';
import type { EncryptedValue, SecretSet } from '../state/secret-set.js';
import { isSystemStage, placeStages, stageHolder, versionNumber } from '../state/stages.js';
import type { SecretStageDeleted, SecretVersionAdded, SecretVersionExpiryChanged, VersionEvent, VersionStageMoved } from './events.js';
import { checkStageLimit, planNewVersion } from './limits.js';

export interface AddSecretVersion {
  readonly type: 'AddSecretVersion';
  readonly name: string;
  readonly value: EncryptedValue;
  /** Absent → [SYSCURRENT]. */
  readonly stages?: readonly string[];
  readonly expireTime?: Instant | null;
  readonly now: Instant;
}
export interface UpdateVersionExpiry {
  readonly type: 'UpdateVersionExpiry';
  readonly name: string;
  readonly versionId: string;
  /** null = never. */
  readonly expireTime: Instant | null;
  readonly now: Instant;
}
export interface UpdateStage {
  readonly type: 'UpdateStage';
  readonly name: string;
  readonly stage: string;
  readonly versionId: string;
  readonly now: Instant;
}
export interface DeleteStage {
  readonly type: 'DeleteStage';
  readonly name: string;
  readonly stage: string;
  readonly now: Instant;
}

export type VersionCommand = AddSecretVersion | UpdateVersionExpiry | UpdateStage | DeleteStage;

function addSecretVersion(state: SecretSet, cmd: AddSecretVersion): SecretVersionAdded[] {
  const stages = validateVersionStages(cmd.stages);
  const expireTime = validateExpireTime(cmd.expireTime, cmd.now);
  validateSealedValue(cmd.value);
  const s = requireEnabledSecret(state, cmd.name, 'adding a version');
  const { versionId, removedVersionId } = planNewVersion(s, stages);
  return [
    { type: 'SecretVersionAdded', secretId: s.id, versionId, value: cmd.value, stages, expireTime, removedVersionId, at: cmd.now },
  ];
}

function updateVersionExpiry(state: SecretSet, cmd: UpdateVersionExpiry): SecretVersionExpiryChanged[] {
  const expireTime = validateExpireTime(cmd.expireTime, cmd.now);
  const s = requireEnabledSecret(state, cmd.name, 'changing a version');
  const v = findVersion(s, cmd.versionId);
  if (!v) throw VersionNotFound(s.name, cmd.versionId);
  if (v.expireTime === expireTime) return [];
  return [{ type: 'SecretVersionExpiryChanged', secretId: s.id, versionId: v.id, expireTime, at: cmd.now }];
}

function updateStage(state: SecretSet, cmd: UpdateStage): VersionStageMoved[] {
  const stage = validateStageName(cmd.stage, 'stage_name');
  const s = requireEnabledSecret(state, cmd.name, 'changing a stage');
  if (versionNumber(cmd.versionId) === undefined || !findVersion(s, cmd.versionId)) throw VersionNotFound(s.name, cmd.versionId);
  const previous = stageHolder(s.stages, stage) ?? null;
  if (previous === cmd.versionId) return [];
  checkStageLimit(placeStages(s.stages, cmd.versionId, [stage]), s.name);
  return [
    { type: 'VersionStageMoved', secretId: s.id, stage, versionId: cmd.versionId, previousVersionId: previous, at: cmd.now },
  ];
}

function deleteStage(state: SecretSet, cmd: DeleteStage): SecretStageDeleted[] {
  const s = requireEnabledSecret(state, cmd.name, 'deleting a stage');
  if (isSystemStage(cmd.stage)) throw SystemStageNotDeletable(cmd.stage);
  if (stageHolder(s.stages, cmd.stage) === undefined) throw StageNotFound(s.name, cmd.stage);
  return [{ type: 'SecretStageDeleted', secretId: s.id, stage: cmd.stage, at: cmd.now }];
}

export function decideVersions(state: SecretSet, command: VersionCommand): readonly VersionEvent[] {
  switch (command.type) {
    case 'AddSecretVersion':
      return addSecretVersion(state, command);
    case 'UpdateVersionExpiry':
      return updateVersionExpiry(state, command);
    case 'UpdateStage':
      return updateStage(state, command);
    case 'DeleteStage':
      return deleteStage(state, command);
    default:
      return assertNever(command);
  }
}

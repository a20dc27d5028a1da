import { DewError, quote } from '@dew/contracts';
import {
  findSecretByName,
  findVersion,
  requireSecret,
  requireEnabledSecret,
  secretCount,
} from './queries.js';
import {
  DAY_MS,
  SECRET_QUOTA,
  validateExpireTime,
  validateKmsKeyId,
  validateRecoveryDays,
  validateSecretDescription,
  validateSecretName,
  validateSecretTags,
  validateSecretType,
  type SecretTag,
} from './rules.js';
import { assertNever, evolve, type EncryptedValue, type SecretEvent, type SecretRestored, type SecretSet, type Version } from './secrets.js';
import { addSecretTag, batchSecretTags, removeSecretTag, type SecretTagCommand } from './tags.js';
import {
  SYSCURRENT,
  STAGES_MAX,
  VERSIONS_MAX,
  checkStageLimit,
  isSystemStage,
  placeStages,
  stageHolder,
  validateStageName,
  validateVersionStages,
  versionIdOf,
  versionNumber,
  versionToRemove,
  type Stages,
} from './versions.js';

// ---- commands ------------------------------------------------------------------------------

export interface CreateSecret {
  readonly type: 'CreateSecret';
  /** UUID v4 chosen by the service. */
  readonly secretId: string;
  readonly name: string;
  readonly description?: string;
  readonly kmsKeyId: string;
  readonly secretType?: string;
  readonly value: EncryptedValue;
  readonly expireTime?: number | null;
  readonly now: number;
}
export interface UpdateSecret {
  readonly type: 'UpdateSecret';
  readonly name: string;
  readonly kmsKeyId?: string;
  readonly description?: string;
  readonly now: number;
}
export interface AddSecretVersion {
  readonly type: 'AddSecretVersion';
  readonly name: string;
  readonly value: EncryptedValue;
  /** Absent → [SYSCURRENT]. */
  readonly stages?: readonly string[];
  readonly expireTime?: number | null;
  readonly now: number;
}
export interface UpdateVersionExpiry {
  readonly type: 'UpdateVersionExpiry';
  readonly name: string;
  readonly versionId: string;
  /** null = never. */
  readonly expireTime: number | null;
  readonly now: number;
}
export interface UpdateStage {
  readonly type: 'UpdateStage';
  readonly name: string;
  readonly stage: string;
  readonly versionId: string;
  readonly now: number;
}
export interface DeleteStage {
  readonly type: 'DeleteStage';
  readonly name: string;
  readonly stage: string;
  readonly now: number;
}
export interface ScheduleSecretDeletion {
  readonly type: 'ScheduleSecretDeletion';
  readonly name: string;
  /** 7..30. */
  readonly days: number;
  readonly now: number;
}
export interface CancelSecretDeletion {
  readonly type: 'CancelSecretDeletion';
  readonly name: string;
  readonly now: number;
}
/** Immediate, irreversible; allowed while PendingDeletion too. */
export interface DeleteSecret {
  readonly type: 'DeleteSecret';
  readonly name: string;
  readonly now: number;
}
/** From the scheduler: deletes only when due, else no event. */
export interface ExecuteSecretDeletion {
  readonly type: 'ExecuteSecretDeletion';
  readonly secretId: string;
  readonly now: number;
}
/** Recreate a backup under its name (docs/backup-format.md). */
export interface RestoreSecret extends Omit<SecretRestored, 'type' | 'at'> {
  readonly type: 'RestoreSecret';
  readonly now: number;
}

export type SecretCommand =
  | CreateSecret
  | UpdateSecret
  | AddSecretVersion
  | UpdateVersionExpiry
  | UpdateStage
  | DeleteStage
  | ScheduleSecretDeletion
  | CancelSecretDeletion
  | DeleteSecret
  | ExecuteSecretDeletion
  | RestoreSecret
  | SecretTagCommand;

// ---- helpers -------------------------------------------------------------------------------

function checkValue(value: EncryptedValue): void {
  if (typeof value !== 'object' || value === null || typeof value.sealed !== 'string' || value.sealed.length === 0) {
    // the service seals values; an empty one is our bug
    throw new DewError('CSMS.0500', 'sealed secret value is empty');
  }
  validateKmsKeyId(value.kmsKeyId);
}

/** Name free (CSMS.1002), id free, quota not reached (CSMS.1001). */
function checkRoom(state: SecretSet, name: string, secretId: string): void {
  const holder = findSecretByName(state, name);
  if (holder) throw new DewError('CSMS.1002', `secret name ${quote(name)} already exists`);
  const sameId = state.secrets.get(secretId);
  if (sameId && sameId.status !== 'Deleted') {
    throw new DewError('CSMS.1002', `secret id ${secretId} is already used by secret ${quote(sameId.name)}`);
  }
  const count = secretCount(state);
  if (count >= SECRET_QUOTA) {
    throw new DewError('CSMS.1001', `secret quota of ${SECRET_QUOTA} reached (${count} secrets in project)`);
  }
}

// ---- decisions -----------------------------------------------------------------------------

function createSecret(state: SecretSet, cmd: CreateSecret): SecretEvent[] {
  const name = validateSecretName(cmd.name);
  const description = validateSecretDescription(cmd.description ?? '');
  const kmsKeyId = validateKmsKeyId(cmd.kmsKeyId);
  const secretType = validateSecretType(cmd.secretType);
  const expireTime = validateExpireTime(cmd.expireTime, cmd.now);
  checkValue(cmd.value);
  checkRoom(state, name, cmd.secretId);
  return [
    {
      type: 'SecretCreated',
      secretId: cmd.secretId,
      name,
      description,
      kmsKeyId,
      secretType,
      at: cmd.now,
      firstVersion: { versionId: 'v1', value: cmd.value, expireTime },
    },
  ];
}

function updateSecret(state: SecretSet, cmd: UpdateSecret): SecretEvent[] {
  const kmsKeyId = cmd.kmsKeyId === undefined ? undefined : validateKmsKeyId(cmd.kmsKeyId);
  const description = cmd.description === undefined ? undefined : validateSecretDescription(cmd.description);
  const s = requireEnabledSecret(state, cmd.name, 'updating it');
  const changeKey = kmsKeyId !== undefined && kmsKeyId !== s.kmsKeyId;
  const changeDescription = description !== undefined && description !== s.description;
  if (!changeKey && !changeDescription) return [];
  return [
    {
      type: 'SecretUpdated',
      secretId: s.id,
      ...(changeKey ? { kmsKeyId } : {}),
      ...(changeDescription ? { description } : {}),
      at: cmd.now,
    },
  ];
}

function addSecretVersion(state: SecretSet, cmd: AddSecretVersion): SecretEvent[] {
  const stages = validateVersionStages(cmd.stages);
  const expireTime = validateExpireTime(cmd.expireTime, cmd.now);
  checkValue(cmd.value);
  const s = requireEnabledSecret(state, cmd.name, 'adding a version');
  const versionId = versionIdOf(s.lastVersionNumber + 1);
  const after = placeStages(s.stages, versionId, stages);
  checkStageLimit(after, s.name);
  const removedVersionId = versionToRemove([...s.versions.map((v) => v.id), versionId], after);
  return [
    { type: 'SecretVersionAdded', secretId: s.id, versionId, value: cmd.value, stages, expireTime, removedVersionId, at: cmd.now },
  ];
}

function updateVersionExpiry(state: SecretSet, cmd: UpdateVersionExpiry): SecretEvent[] {
  const expireTime = validateExpireTime(cmd.expireTime, cmd.now);
  const s = requireEnabledSecret(state, cmd.name, 'changing a version');
  const v = findVersion(s, cmd.versionId);
  if (!v) throw new DewError('CSMS.0005', `version ${quote(cmd.versionId)} of secret ${quote(s.name)} does not exist`);
  if (v.expireTime === expireTime) return [];
  return [{ type: 'SecretVersionExpiryChanged', secretId: s.id, versionId: v.id, expireTime, at: cmd.now }];
}

function updateStage(state: SecretSet, cmd: UpdateStage): SecretEvent[] {
  const stage = validateStageName(cmd.stage, 'stage_name');
  const s = requireEnabledSecret(state, cmd.name, 'changing a stage');
  if (versionNumber(cmd.versionId) === undefined || !findVersion(s, cmd.versionId)) {
    throw new DewError('CSMS.0005', `version ${quote(cmd.versionId)} of secret ${quote(s.name)} does not exist`);
  }
  const previous = stageHolder(s.stages, stage) ?? null;
  if (previous === cmd.versionId) return [];
  checkStageLimit(placeStages(s.stages, cmd.versionId, [stage]), s.name);
  return [
    { type: 'VersionStageMoved', secretId: s.id, stage, versionId: cmd.versionId, previousVersionId: previous, at: cmd.now },
  ];
}

function deleteStage(state: SecretSet, cmd: DeleteStage): SecretEvent[] {
  const s = requireEnabledSecret(state, cmd.name, 'deleting a stage');
  if (isSystemStage(cmd.stage)) {
    throw new DewError('CSMS.0105', `system stage ${cmd.stage} cannot be deleted`);
  }
  if (stageHolder(s.stages, cmd.stage) === undefined) {
    throw new DewError('CSMS.0005', `stage ${quote(cmd.stage)} of secret ${quote(s.name)} does not exist`);
  }
  return [{ type: 'SecretStageDeleted', secretId: s.id, stage: cmd.stage, at: cmd.now }];
}

function scheduleSecretDeletion(state: SecretSet, cmd: ScheduleSecretDeletion): SecretEvent[] {
  const s = requireSecret(state, cmd.name);
  if (s.status === 'PendingDeletion') {
    throw new DewError('CSMS.0107', `secret ${quote(s.name)} is already scheduled for deletion`);
  }
  const days = validateRecoveryDays(cmd.days);
  return [{ type: 'SecretDeletionScheduled', secretId: s.id, deleteAt: cmd.now + days * DAY_MS, at: cmd.now }];
}

function cancelSecretDeletion(state: SecretSet, cmd: CancelSecretDeletion): SecretEvent[] {
  const s = requireSecret(state, cmd.name);
  if (s.status !== 'PendingDeletion') {
    throw new DewError('CSMS.0108', `secret ${quote(s.name)} is not scheduled for deletion`);
  }
  return [{ type: 'SecretDeletionCancelled', secretId: s.id, at: cmd.now }];
}

function deleteSecret(state: SecretSet, cmd: DeleteSecret): SecretEvent[] {
  const s = requireSecret(state, cmd.name);
  return [{ type: 'SecretDeleted', secretId: s.id, at: cmd.now }];
}

/** Idempotent: a secret cancelled meanwhile, not yet due, or already deleted yields no event. */
function executeSecretDeletion(state: SecretSet, cmd: ExecuteSecretDeletion): SecretEvent[] {
  const s = state.secrets.get(cmd.secretId);
  if (!s) throw new DewError('CSMS.0005', `secret ${quote(cmd.secretId)} does not exist`);
  if (s.status !== 'PendingDeletion' || s.scheduledDeleteAt === null || cmd.now < s.scheduledDeleteAt) return [];
  return [{ type: 'SecretDeleted', secretId: s.id, at: cmd.now }];
}

/** A backup's versions and stages must form a valid secret (CSMS.0002 otherwise). */
function validateBackup(versions: readonly Version[], stages: Stages): void {
  const bad = (why: string): never => {
    throw new DewError('CSMS.0002', `secret backup is invalid: ${why}`);
  };
  if (!Array.isArray(versions) || versions.length < 1 || versions.length > VERSIONS_MAX) {
    bad(`it must hold 1..${VERSIONS_MAX} versions`);
  }
  const ids = new Set<string>();
  for (const v of versions) {
    if (versionNumber(v.id) === undefined) bad(`version id ${quote(v.id)} is not v<n>`);
    if (ids.has(v.id)) bad(`version ${v.id} appears twice`);
    ids.add(v.id);
    checkValue(v.value);
  }
  if (typeof stages !== 'object' || stages === null) bad('stages must be an object');
  const entries = Object.entries(stages);
  if (entries.length > STAGES_MAX) bad(`it holds ${entries.length} stages, the limit is ${STAGES_MAX}`);
  for (const [stage, versionId] of entries) {
    validateStageName(stage, 'stage');
    if (!ids.has(versionId)) bad(`stage ${stage} names unknown version ${quote(versionId)}`);
  }
  if (stageHolder(stages, SYSCURRENT) === undefined) bad('no version carries SYSCURRENT');
}

function restoreSecret(state: SecretSet, cmd: RestoreSecret): SecretEvent[] {
  const name = validateSecretName(cmd.name);
  const description = validateSecretDescription(cmd.description);
  const kmsKeyId = validateKmsKeyId(cmd.kmsKeyId);
  const secretType = validateSecretType(cmd.secretType);
  const tags = validateSecretTags(cmd.tags);
  validateBackup(cmd.versions, cmd.stages);
  checkRoom(state, name, cmd.secretId);
  return [
    {
      type: 'SecretRestored',
      secretId: cmd.secretId,
      name,
      description,
      kmsKeyId,
      secretType,
      versions: cmd.versions,
      stages: Object.fromEntries(Object.entries(cmd.stages)),
      tags,
      at: cmd.now,
    },
  ];
}

export function decide(state: SecretSet, command: SecretCommand): readonly SecretEvent[] {
  switch (command.type) {
    case 'CreateSecret':
      return createSecret(state, command);
    case 'UpdateSecret':
      return updateSecret(state, command);
    case 'AddSecretVersion':
      return addSecretVersion(state, command);
    case 'UpdateVersionExpiry':
      return updateVersionExpiry(state, command);
    case 'UpdateStage':
      return updateStage(state, command);
    case 'DeleteStage':
      return deleteStage(state, command);
    case 'ScheduleSecretDeletion':
      return scheduleSecretDeletion(state, command);
    case 'CancelSecretDeletion':
      return cancelSecretDeletion(state, command);
    case 'DeleteSecret':
      return deleteSecret(state, command);
    case 'ExecuteSecretDeletion':
      return executeSecretDeletion(state, command);
    case 'RestoreSecret':
      return restoreSecret(state, command);
    case 'AddSecretTag':
      return addSecretTag(state, command);
    case 'RemoveSecretTag':
      return removeSecretTag(state, command);
    case 'BatchSecretTags':
      return batchSecretTags(state, command);
    default:
      return assertNever(command);
  }
}

/** Decide `command` and evolve `state` with its events: the new state and the events. */
export function apply(state: SecretSet, command: SecretCommand): { state: SecretSet; events: readonly SecretEvent[] } {
  const events = decide(state, command);
  return { state: events.reduce<SecretSet>((s, e) => evolve(s, e), state), events };
}

/** Aliases: the aggregate is the project's secret set. */
export type SecretSetCommand = SecretCommand;
export type SecretSetEvent = SecretEvent;

import type { Instant } from '@dew/decider';
import { SecretIdTaken, SecretNameTaken, SecretQuotaReached } from '@dew/contracts';
import { assertNever } from '@dew/decider';
import {
  SECRET_QUOTA,
  validateExpireTime,
  validateKmsKeyId,
  validateSealedValue,
  validateSecretDescription,
  validateSecretName,
  validateSecretType,
} from '../rules/secret-fields.js';
import { validateSecretTags } from '../rules/tag-fields.js';
import { findSecretByName, requireEnabledSecret, secretCount } from '../state/queries.js';
import { NO_ROTATION, configureRotation, rotationOf, type RotationRequest } from '../rotation/decide.js';
import type { SecretRotationConfigured } from '../rotation/events.js';
import type { EncryptedValue, SecretSet } from '../state/secret-set.js';
import { validateBackup } from './backup.js';
import {
  cancelSecretDeletion,
  deleteSecret,
  executeSecretDeletion,
  scheduleSecretDeletion,
  type SecretDeletionCommand,
} from './deletion.js';
import type { SecretCreated, SecretLifecycleEvent, SecretRestored, SecretUpdated } from './events.js';

export interface CreateSecret {
  readonly type: 'CreateSecret';
  /** UUID v4 chosen by the service. */
  readonly secretId: string;
  readonly name: string;
  readonly description?: string;
  readonly kmsKeyId: string;
  readonly secretType?: string;
  readonly value: EncryptedValue;
  readonly expireTime?: Instant | null;
  readonly rotation?: RotationRequest;
  readonly now: Instant;
}
export interface UpdateSecret {
  readonly type: 'UpdateSecret';
  readonly name: string;
  readonly kmsKeyId?: string;
  readonly description?: string;
  readonly rotation?: RotationRequest;
  readonly now: Instant;
}
/** Recreate a backup under its name (docs/backup-format.md). */
export interface RestoreSecret extends Omit<SecretRestored, 'type' | 'at'> {
  readonly type: 'RestoreSecret';
  readonly now: Instant;
}

export type SecretLifecycleCommand = CreateSecret | UpdateSecret | RestoreSecret | SecretDeletionCommand;

/** Name free (CSMS.1002), id free, quota not reached (CSMS.1001). */
function checkRoom(state: SecretSet, name: string, secretId: string): void {
  if (findSecretByName(state, name)) throw SecretNameTaken(name);
  const sameId = state.secrets.get(secretId);
  if (sameId) throw SecretIdTaken(secretId, sameId.name);
  const count = secretCount(state);
  if (count >= SECRET_QUOTA) throw SecretQuotaReached(SECRET_QUOTA, count);
}

/** The fields every new secret (created or restored) names, checked in this order. */
function secretFields(fields: { name: string; description: string; kmsKeyId: string; secretType?: string | undefined }) {
  return {
    name: validateSecretName(fields.name),
    description: validateSecretDescription(fields.description),
    kmsKeyId: validateKmsKeyId(fields.kmsKeyId),
    secretType: validateSecretType(fields.secretType),
  };
}

/**
 * Every refusal of a CreateSecret but a malformed sealed value, on the state given: the service
 * asks it before it seals the value under a new keyring entry, so a refusal it can tell then
 * writes nothing at all (docs/architecture.md, "Keyrings and crypto-shredding").
 */
export function refuseNewSecret(state: SecretSet, cmd: Omit<CreateSecret, 'type' | 'value'>) {
  const fields = secretFields({ ...cmd, description: cmd.description ?? '' });
  const expireTime = validateExpireTime(cmd.expireTime, cmd.now);
  const rotation = configureRotation(cmd.secretId, fields.secretType, NO_ROTATION, cmd.rotation ?? {}, cmd.now);
  checkRoom(state, fields.name, cmd.secretId);
  return { fields, expireTime, rotation };
}

function createSecret(state: SecretSet, cmd: CreateSecret): (SecretCreated | SecretRotationConfigured)[] {
  const { fields, expireTime, rotation } = refuseNewSecret(state, cmd);
  validateSealedValue(cmd.value);
  return [{ type: 'SecretCreated', secretId: cmd.secretId, ...fields, at: cmd.now, firstVersion: { versionId: 'v1', value: cmd.value, expireTime } }, ...rotation];
}

function updateSecret(state: SecretSet, cmd: UpdateSecret): (SecretUpdated | SecretRotationConfigured)[] {
  const kmsKeyId = cmd.kmsKeyId === undefined ? undefined : validateKmsKeyId(cmd.kmsKeyId);
  const description = cmd.description === undefined ? undefined : validateSecretDescription(cmd.description);
  const s = requireEnabledSecret(state, cmd.name, 'updating it');
  const rotation = configureRotation(s.id, s.secretType, rotationOf(state, s.id), cmd.rotation ?? {}, cmd.now);
  const changeKey = kmsKeyId !== undefined && kmsKeyId !== s.kmsKeyId;
  const changeDescription = description !== undefined && description !== s.description;
  if (!changeKey && !changeDescription) return rotation;
  return [
    {
      type: 'SecretUpdated',
      secretId: s.id,
      ...(changeKey ? { kmsKeyId } : {}),
      ...(changeDescription ? { description } : {}),
      at: cmd.now,
    },
    ...rotation,
  ];
}

function restoreSecret(state: SecretSet, cmd: RestoreSecret): SecretRestored[] {
  const fields = secretFields(cmd);
  const tags = validateSecretTags(cmd.tags);
  validateBackup(cmd.versions, cmd.stages);
  checkRoom(state, fields.name, cmd.secretId);
  return [
    {
      type: 'SecretRestored',
      secretId: cmd.secretId,
      ...fields,
      versions: cmd.versions,
      stages: Object.fromEntries(Object.entries(cmd.stages)),
      tags,
      at: cmd.now,
    },
  ];
}

export function decideSecretLifecycle(state: SecretSet, command: SecretLifecycleCommand): readonly (SecretLifecycleEvent | SecretRotationConfigured)[] {
  switch (command.type) {
    case 'CreateSecret':
      return createSecret(state, command);
    case 'UpdateSecret':
      return updateSecret(state, command);
    case 'RestoreSecret':
      return restoreSecret(state, command);
    case 'ScheduleSecretDeletion':
      return scheduleSecretDeletion(state, command);
    case 'CancelSecretDeletion':
      return cancelSecretDeletion(state, command);
    case 'DeleteSecret':
      return deleteSecret(state, command);
    case 'ExecuteSecretDeletion':
      return executeSecretDeletion(state, command);
    default:
      return assertNever(command);
  }
}

import type { Instant } from '@dew/decider';
import { InvalidField, RotationHasNoPrincipal, SecretTypeNotRotatable } from '@dew/contracts';
import { assertNever } from '@dew/decider';
import { validateKmsKeyId, validateSealedValue } from '../rules/secret-fields.js';
import { findSecretByName, requireEnabledSecret } from '../state/queries.js';
import type { EncryptedValue, RotationPrincipal, RotationSchedule, RotationTrigger, SecretSet } from '../state/secret-set.js';
import { SYSCURRENT } from '../state/stages.js';
import { planNewVersion } from '../versions/limits.js';
import type { SecretRotated, SecretRotationConfigured, SecretRotationFailed } from './events.js';
import { parseRotationPeriod } from './period.js';

/** DEW generates COMMON values itself; the -FG types need Huawei's FunctionGraph (docs/api-decisions.md). */
export const ROTATABLE_TYPE = 'COMMON';

export interface RotateSecret {
  readonly type: 'RotateSecret';
  readonly name: string;
  /** UUID chosen by the service: the rotation task's id. */
  readonly taskId: string;
  /** The generated value, sealed by the service. */
  readonly value: EncryptedValue;
  readonly operateType: RotationTrigger;
  readonly now: Instant;
}

/** A scheduled rotation that was refused, recorded as a FAILED task. */
export interface RecordRotationFailure {
  readonly type: 'RecordRotationFailure';
  readonly name: string;
  readonly taskId: string;
  readonly operateType: RotationTrigger;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly now: Instant;
}

export type RotationCommand = RotateSecret | RecordRotationFailure;

/** The rotation fields of a create or update request (absent = unchanged). */
export interface RotationRequest {
  readonly autoRotation?: boolean;
  readonly rotationPeriod?: string;
  /** The caller setting it: recorded when auto rotation is on, the principal scheduled runs act as. */
  readonly configuredBy?: RotationPrincipal;
}

export const NO_ROTATION: RotationSchedule = { autoRotation: false, period: '', periodMs: null, rotatedAt: null, nextRotationAt: null, configuredBy: null };

/** A secret's plan, or the empty one. */
export function rotationOf(state: SecretSet, secretId: string): RotationSchedule {
  return state.rotations.get(secretId) ?? NO_ROTATION;
}

/**
 * The event that applies `req` to a secret's plan, or none when nothing changes. Auto rotation
 * needs a period (given now or before) and a COMMON secret; the next rotation is one period from
 * now (or from the last rotation, when only auto rotation is switched back on).
 */
export function configureRotation(secretId: string, secretType: string, current: RotationSchedule, req: RotationRequest, now: Instant): SecretRotationConfigured[] {
  if (req.autoRotation !== undefined && typeof req.autoRotation !== 'boolean') throw InvalidField('auto_rotation', 'be true or false');
  const periodMs = req.rotationPeriod === undefined ? current.periodMs : parseRotationPeriod(req.rotationPeriod);
  const period = req.rotationPeriod ?? current.period;
  const autoRotation = req.autoRotation ?? current.autoRotation;
  if (autoRotation && secretType !== ROTATABLE_TYPE) throw SecretTypeNotRotatable(secretType);
  if (autoRotation && periodMs === null) throw InvalidField('rotation_period', 'be given when auto_rotation is true');
  if (autoRotation === current.autoRotation && period === current.period) return [];
  const nextRotationAt = autoRotation && periodMs !== null ? now + periodMs : null;
  const by = autoRotation && req.configuredBy ? { configuredBy: req.configuredBy } : {};
  return [{ type: 'SecretRotationConfigured', secretId, autoRotation, period, periodMs, nextRotationAt, ...by, at: now }];
}

/** Whether `req` switches auto rotation on or sets a new period while it stays on (a new principal is recorded). */
function setsAutoRotation(current: RotationSchedule, req: RotationRequest): boolean {
  const autoRotation = req.autoRotation ?? current.autoRotation;
  return autoRotation === true && (autoRotation !== current.autoRotation || (req.rotationPeriod ?? current.period) !== current.period);
}

/**
 * The KMS key an update-secret must prove the caller may use with KMS's full decision (IAM, grants,
 * key policy) before it is decided: a new `kms_key_id`, or the secret's key when the caller switches
 * auto rotation on (scheduled runs then act as that caller). null = nothing to prove; an unknown
 * secret is refused by the decision itself.
 */
export function keyToAuthorise(state: SecretSet, name: string, kmsKeyId: string | undefined, req: RotationRequest): string | null {
  if (kmsKeyId !== undefined) return validateKmsKeyId(kmsKeyId);
  const s = findSecretByName(state, name);
  return s && setsAutoRotation(rotationOf(state, s.id), req) ? s.kmsKeyId : null;
}

/** The principal a scheduled run of `name` acts as; a plan set before DEW recorded it has none and fails. */
export function scheduledRunPrincipal(state: SecretSet, name: string): RotationPrincipal {
  const s = findSecretByName(state, name);
  const by = s ? rotationOf(state, s.id).configuredBy : null;
  if (!by) throw RotationHasNoPrincipal(name);
  return by;
}

/** A new SYSCURRENT version with the generated value; SYSPREVIOUS moves to the former current. */
export function rotateSecret(state: SecretSet, cmd: RotateSecret): SecretRotated[] {
  validateSealedValue(cmd.value);
  const s = requireEnabledSecret(state, cmd.name, 'rotating it');
  if (s.secretType !== ROTATABLE_TYPE) throw SecretTypeNotRotatable(s.secretType);
  // A scheduled run that another instance (or a manual rotation) already did is a no-op.
  if (cmd.operateType === 'SCHEDULED' && !isDue(rotationOf(state, s.id), cmd.now)) return [];
  const { versionId, removedVersionId } = planNewVersion(s, [SYSCURRENT]);
  return [
    { type: 'SecretRotated', secretId: s.id, secretName: s.name, taskId: cmd.taskId, operateType: cmd.operateType, versionId, value: cmd.value, removedVersionId, at: cmd.now },
  ];
}

export function recordRotationFailure(state: SecretSet, cmd: RecordRotationFailure): SecretRotationFailed[] {
  const s = requireEnabledSecret(state, cmd.name, 'rotating it');
  const { taskId, operateType, errorCode, errorMessage } = cmd;
  return [{ type: 'SecretRotationFailed', secretId: s.id, secretName: s.name, taskId, operateType, errorCode, errorMessage: errorMessage.slice(0, 512), at: cmd.now }];
}

export function decideRotation(state: SecretSet, command: RotationCommand): readonly (SecretRotated | SecretRotationFailed)[] {
  switch (command.type) {
    case 'RotateSecret':
      return rotateSecret(state, command);
    case 'RecordRotationFailure':
      return recordRotationFailure(state, command);
    default:
      return assertNever(command);
  }
}

function isDue(r: RotationSchedule, now: Instant): boolean {
  return r.autoRotation && r.nextRotationAt !== null && r.nextRotationAt <= now;
}

/** Names of Enabled secrets whose scheduled rotation is due at `now`. */
export function dueForRotation(state: SecretSet, now: Instant): string[] {
  const out: string[] = [];
  for (const [secretId, r] of state.rotations) {
    const s = state.secrets.get(secretId);
    if (s?.status === 'Enabled' && isDue(r, now)) out.push(s.name);
  }
  return out;
}

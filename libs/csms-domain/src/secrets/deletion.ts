import type { Instant } from '@dew/decider';
import { SecretDeletionAlreadyScheduled, SecretDeletionNotScheduled, SecretNotFound } from '@dew/contracts';
import { DAY_MS, validateRecoveryDays } from '../rules/secret-fields.js';
import { requireSecret } from '../state/queries.js';
import type { SecretSet } from '../state/secret-set.js';
import type { SecretDeleted, SecretDeletionCancelled, SecretDeletionScheduled } from './events.js';

/** Scheduled deletion (7..30 days, cancellable) and immediate deletion. */

export interface ScheduleSecretDeletion {
  readonly type: 'ScheduleSecretDeletion';
  readonly name: string;
  /** 7..30. */
  readonly days: number;
  readonly now: Instant;
}
export interface CancelSecretDeletion {
  readonly type: 'CancelSecretDeletion';
  readonly name: string;
  readonly now: Instant;
}
/** Immediate, irreversible; allowed while PendingDeletion too. */
export interface DeleteSecret {
  readonly type: 'DeleteSecret';
  readonly name: string;
  readonly now: Instant;
}
/** From the scheduler: deletes only when due, else no event. */
export interface ExecuteSecretDeletion {
  readonly type: 'ExecuteSecretDeletion';
  readonly secretId: string;
  readonly now: Instant;
}

export type SecretDeletionCommand = ScheduleSecretDeletion | CancelSecretDeletion | DeleteSecret | ExecuteSecretDeletion;

export function scheduleSecretDeletion(state: SecretSet, cmd: ScheduleSecretDeletion): SecretDeletionScheduled[] {
  const s = requireSecret(state, cmd.name);
  if (s.status === 'PendingDeletion') throw SecretDeletionAlreadyScheduled(s.name);
  const days = validateRecoveryDays(cmd.days);
  return [{ type: 'SecretDeletionScheduled', secretId: s.id, deleteAt: cmd.now + days * DAY_MS, at: cmd.now }];
}

export function cancelSecretDeletion(state: SecretSet, cmd: CancelSecretDeletion): SecretDeletionCancelled[] {
  const s = requireSecret(state, cmd.name);
  if (s.status !== 'PendingDeletion') throw SecretDeletionNotScheduled(s.name);
  return [{ type: 'SecretDeletionCancelled', secretId: s.id, at: cmd.now }];
}

export function deleteSecret(state: SecretSet, cmd: DeleteSecret): SecretDeleted[] {
  const s = requireSecret(state, cmd.name);
  return [{ type: 'SecretDeleted', secretId: s.id, at: cmd.now }];
}

/** Idempotent: a secret cancelled meanwhile, not yet due, or already deleted yields no event. */
export function executeSecretDeletion(state: SecretSet, cmd: ExecuteSecretDeletion): SecretDeleted[] {
  const s = state.secrets.get(cmd.secretId);
  if (!s && state.deletedIds.has(cmd.secretId)) return [];
  if (!s) throw SecretNotFound(cmd.secretId);
  if (s.status !== 'PendingDeletion' || s.scheduledDeleteAt === null || cmd.now < s.scheduledDeleteAt) return [];
  return [{ type: 'SecretDeleted', secretId: s.id, at: cmd.now }];
}

/** Ids of secrets pending deletion whose deadline has passed (the scheduler sends ExecuteSecretDeletion). */
export function dueForDeletion(state: SecretSet, now: Instant): string[] {
  const out: string[] = [];
  for (const s of state.secrets.values()) {
    if (s.status === 'PendingDeletion' && s.scheduledDeleteAt !== null && s.scheduledDeleteAt <= now) out.push(s.id);
  }
  return out;
}

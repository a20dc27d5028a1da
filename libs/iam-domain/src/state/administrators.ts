/**
 * Administrator protection (docs/iam-security.md): the administrators are the users flagged
 * `isDomainAdmin` (the bootstrap makes one per domain; CreateUser never sets the flag, and DEW has
 * no built-in administrators' group, so no group name or membership makes anyone an administrator).
 * An administrator's profile, password, enabled flag and access keys change only by the hand of an
 * administrator; an IAM permission such as `iam:users:updateUser` is not enough.
 */
import { AdministratorOnly, AdministratorUndisablable } from '@dew/contracts';
import { shown } from '../fields/limits.js';
import type { ActiveAccount, User } from './account.state.js';

export function isAdministrator(state: ActiveAccount, userId: string): boolean {
  const user = state.users.get(userId);
  return user !== undefined && user.isDomainAdmin && user.enabled;
}

/**
 * Refuses with 403 IAM.0006 when `target` is an administrator and `actorId` is not one;
 * `action` completes the message, e.g. "delete".
 */
export function checkMayChangeUser(state: ActiveAccount, actorId: string, target: User, action: string): void {
  if (!target.isDomainAdmin || isAdministrator(state, actorId)) return;
  throw AdministratorOnly(action, target.id, shown(actorId));
}

/** The domain administrator is never disabled: only an enabled administrator could enable it again. */
export function checkMayBeDisabled(target: User): void {
  if (!target.isDomainAdmin) return;
  throw AdministratorUndisablable(target.id);
}

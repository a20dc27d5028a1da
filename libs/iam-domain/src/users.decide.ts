/** Changing and deleting users. */
import { DewError } from '@dew/contracts';
import type { ActiveAccount, Instant } from './account.state.js';
import type { AccountEvent } from './account.js';
import { checkMayBeDisabled, checkMayChangeUser } from './administrators.js';
import { checkBoolean, checkDescription, checkUserName } from './limits.js';
import { checkUserNameFree, existingUser } from './lookups.js';
import type { PasswordStrength } from './password-strength.js';
import { assertNever } from './records.js';

/** Only the fields given change; a call that changes nothing yields no events. */
export interface UpdateUser {
  readonly type: 'UpdateUser';
  /** Who acts (the caller's user id): an administrator's user and keys change only by an administrator's hand. */
  readonly actorId: string;
  readonly userId: string;
  readonly name?: string;
  readonly description?: string;
  /** A new opaque password hash (never echoed). */
  readonly passwordHash?: string;
  /** The new password's strength, judged before hashing. */
  readonly passwordStrength?: PasswordStrength;
  readonly enabled?: boolean;
  readonly now: Instant;
}
/** Refused for the domain administrator; also deletes the user's access keys and memberships. */
export interface DeleteUser {
  readonly type: 'DeleteUser';
  /** Who acts (the caller's user id): an administrator's user and keys change only by an administrator's hand. */
  readonly actorId: string;
  readonly userId: string;
  readonly now: Instant;
}

export type UserCommand = UpdateUser | DeleteUser;

export function decideUser(state: ActiveAccount, command: UserCommand): readonly AccountEvent[] {
  switch (command.type) {
    case 'UpdateUser':
      return updateUser(state, command);
    case 'DeleteUser':
      return deleteUser(state, command);
    default:
      return assertNever(command);
  }
}

function updateUser(state: ActiveAccount, c: UpdateUser): readonly AccountEvent[] {
  const user = existingUser(state, c.userId);
  checkMayChangeUser(state, c.actorId, user, 'change the name, description, password or status of');
  if (c.name !== undefined) {
    checkUserName(c.name);
    checkUserNameFree(state, c.name, user.id);
  }
  if (c.description !== undefined) checkDescription(c.description);
  if (c.passwordHash !== undefined && (typeof c.passwordHash !== 'string' || c.passwordHash.length === 0)) {
    throw new DewError('IAM.0001', 'passwordHash must be a non-empty string');
  }
  if (c.enabled !== undefined) checkBoolean('enabled', c.enabled);
  if (c.enabled === false) checkMayBeDisabled(user);

  const events: AccountEvent[] = [];
  const name = c.name ?? user.name;
  const description = c.description ?? user.description;
  if (name !== user.name || description !== user.description) {
    events.push({ type: 'UserUpdated', userId: user.id, name, description, at: c.now });
  }
  if (c.passwordHash !== undefined && c.passwordHash !== user.passwordHash) {
    events.push({ type: 'UserPasswordChanged', userId: user.id, passwordHash: c.passwordHash, ...(c.passwordStrength !== undefined ? { passwordStrength: c.passwordStrength } : {}), at: c.now });
  }
  if (c.enabled !== undefined && c.enabled !== user.enabled) {
    events.push({ type: c.enabled ? 'UserEnabled' : 'UserDisabled', userId: user.id, at: c.now });
  }
  return events;
}

function deleteUser(state: ActiveAccount, c: DeleteUser): readonly AccountEvent[] {
  const user = existingUser(state, c.userId);
  checkMayChangeUser(state, c.actorId, user, 'delete');
  if (user.isDomainAdmin) {
    throw new DewError('IAM.0001', `user ${user.id} is the domain administrator and cannot be deleted`);
  }
  const keys = Object.values(state.accessKeys)
    .filter((k) => k.userId === user.id)
    .map((k) => k.accessKey)
    .sort();
  return [
    ...keys.map((accessKey): AccountEvent => ({ type: 'AccessKeyDeleted', accessKey, at: c.now })),
    { type: 'UserDeleted', userId: user.id, at: c.now },
  ];
}

/** Creating, changing, enabling, disabling and deleting users. */
import type { Instant } from '@dew/decider';
import { AdministratorUndeletable, PasswordHashInvalid, UserExists } from '@dew/contracts';
import type { AccessKeyDeleted } from '../access-keys/events.js';
import { checkBoolean, checkDescription, checkId, checkPasswordHash, checkUserName } from '../fields/limits.js';
import type { ActiveAccount, PasswordStrength } from '../state/account.state.js';
import { checkMayBeDisabled, checkMayChangeUser } from '../state/administrators.js';
import { checkUserNameFree, existingUser } from '../state/lookups.js';
import { assertNever, indexed } from '../state/records.js';
import type { UserCreated, UserEvent } from './events.js';


export interface CreateUser {
  readonly type: 'CreateUser';
  readonly userId: string;
  readonly name: string;
  readonly passwordHash: string | null;
  readonly passwordStrength?: PasswordStrength;
  readonly isDomainAdmin: boolean;
  /** Defaults to true. */
  readonly enabled?: boolean;
  /** ≤255 characters; defaults to "". */
  readonly description?: string;
  readonly now: Instant;
}
export interface EnableUser {
  readonly type: 'EnableUser';
  /** Who acts (the caller's user id): an administrator's user and keys change only by an administrator's hand. */
  readonly actorId: string;
  readonly userId: string;
  readonly now: Instant;
}
export interface DisableUser {
  readonly type: 'DisableUser';
  /** Who acts (the caller's user id): an administrator's user and keys change only by an administrator's hand. */
  readonly actorId: string;
  readonly userId: string;
  readonly now: Instant;
}
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

export type UserCommand = CreateUser | EnableUser | DisableUser | UpdateUser | DeleteUser;

export function decideUser(state: ActiveAccount, command: UserCommand): readonly (UserEvent | AccessKeyDeleted)[] {
  switch (command.type) {
    case 'CreateUser':
      return createUser(state, command);
    case 'EnableUser':
    case 'DisableUser':
      return setUserEnabled(state, command);
    case 'UpdateUser':
      return updateUser(state, command);
    case 'DeleteUser':
      return deleteUser(state, command);
    default:
      return assertNever(command);
  }
}

export function createUser(state: ActiveAccount, c: CreateUser): readonly UserCreated[] {
  checkId('user_id', c.userId);
  checkUserName(c.name);
  checkPasswordHash(c.passwordHash);
  checkBoolean('isDomainAdmin', c.isDomainAdmin);
  const enabled = c.enabled ?? true;
  checkBoolean('enabled', enabled);
  const description = c.description ?? '';
  checkDescription(description);
  if (state.users.get(c.userId) !== undefined) throw UserExists(c.userId);
  checkUserNameFree(state, c.name);
  return [
    {
      type: 'UserCreated',
      userId: c.userId,
      domainId: state.domainId,
      name: c.name,
      passwordHash: c.passwordHash,
      ...(c.passwordHash !== null && c.passwordStrength !== undefined ? { passwordStrength: c.passwordStrength } : {}),
      isDomainAdmin: c.isDomainAdmin,
      enabled,
      description,
      at: c.now,
    },
  ];
}

function setUserEnabled(state: ActiveAccount, c: EnableUser | DisableUser): readonly UserEvent[] {
  const user = existingUser(state, c.userId);
  checkMayChangeUser(state, c.actorId, user, 'enable or disable');
  const enabled = c.type === 'EnableUser';
  if (!enabled) checkMayBeDisabled(user);
  if (user.enabled === enabled) return [];
  return [{ type: enabled ? 'UserEnabled' : 'UserDisabled', userId: user.id, at: c.now }];
}

function updateUser(state: ActiveAccount, c: UpdateUser): readonly UserEvent[] {
  const user = existingUser(state, c.userId);
  checkMayChangeUser(state, c.actorId, user, 'change the name, description, password or status of');
  if (c.name !== undefined) {
    checkUserName(c.name);
    checkUserNameFree(state, c.name, user.id);
  }
  if (c.description !== undefined) checkDescription(c.description);
  if (c.passwordHash !== undefined && (typeof c.passwordHash !== 'string' || c.passwordHash.length === 0)) throw PasswordHashInvalid(false);
  if (c.enabled !== undefined) checkBoolean('enabled', c.enabled);
  if (c.enabled === false) checkMayBeDisabled(user);

  const events: UserEvent[] = [];
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

function deleteUser(state: ActiveAccount, c: DeleteUser): readonly (UserEvent | AccessKeyDeleted)[] {
  const user = existingUser(state, c.userId);
  checkMayChangeUser(state, c.actorId, user, 'delete');
  if (user.isDomainAdmin) throw AdministratorUndeletable(user.id);
  const keys = [...indexed(state.accessKeysByUser, user.id)].sort();
  return [
    ...keys.map((accessKey): AccessKeyDeleted => ({ type: 'AccessKeyDeleted', accessKey, at: c.now })),
    { type: 'UserDeleted', userId: user.id, at: c.now },
  ];
}

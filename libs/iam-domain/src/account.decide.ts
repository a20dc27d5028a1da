/** Commands of the account (domain) aggregate and the pure `decide`. Refusals throw `DewError`. */
import { DewError } from '@dew/contracts';
import type { AccessKey, AccessKeyStatus, AccountState, ActiveAccount, Instant } from './account.state.js';
import { evolve, type AccountEvent } from './account.js';
import { decideGroup, type GroupCommand } from './groups.decide.js';
import {
  ACCESS_KEYS_PER_USER,
  checkAccessKey,
  checkBoolean,
  checkDescription,
  checkId,
  checkPasswordHash,
  checkResourceName,
  checkUserName,
  checkWrappedSecret,
  shown,
} from './limits.js';
import { checkMayBeDisabled, checkMayChangeUser } from './administrators.js';
import { active, checkUserNameFree, existingUser } from './lookups.js';
import { decidePolicy, type PolicyCommand } from './policies.decide.js';
import type { PasswordStrength } from './password-strength.js';
import { assertNever, own } from './records.js';
import { decideUser, type UserCommand } from './users.decide.js';

export interface CreateDomain {
  readonly type: 'CreateDomain';
  readonly domainId: string;
  readonly name: string;
  readonly now: Instant;
}
/** First start: domain, region project, admin user and its access key, appended in one message. */
export interface BootstrapDomain {
  readonly type: 'BootstrapDomain';
  readonly domainId: string;
  readonly domainName: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly userId: string;
  readonly userName: string;
  readonly passwordHash: string | null;
  readonly accessKey: string;
  readonly wrappedSecret: string;
  readonly now: Instant;
}
export interface CreateProject {
  readonly type: 'CreateProject';
  readonly projectId: string;
  readonly name: string;
  readonly now: Instant;
}
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
export interface CreateAccessKey {
  readonly type: 'CreateAccessKey';
  /** Who acts (the caller's user id): an administrator's user and keys change only by an administrator's hand. */
  readonly actorId: string;
  readonly accessKey: string;
  readonly userId: string;
  readonly wrappedSecret: string;
  readonly description?: string;
  readonly now: Instant;
}
export interface SetAccessKeyStatus {
  readonly type: 'SetAccessKeyStatus';
  /** Who acts (the caller's user id): an administrator's user and keys change only by an administrator's hand. */
  readonly actorId: string;
  readonly accessKey: string;
  readonly status: AccessKeyStatus;
  readonly now: Instant;
}
/** UpdatePermanentAccessKey's `description` (≤255); unchanged → no events. */
export interface SetAccessKeyDescription {
  readonly type: 'SetAccessKeyDescription';
  /** Who acts (the caller's user id): an administrator's user and keys change only by an administrator's hand. */
  readonly actorId: string;
  readonly accessKey: string;
  readonly description: string;
  readonly now: Instant;
}
export interface DeleteAccessKey {
  readonly type: 'DeleteAccessKey';
  /** Who acts (the caller's user id): an administrator's user and keys change only by an administrator's hand. */
  readonly actorId: string;
  readonly accessKey: string;
  readonly now: Instant;
}

export type AccountCommand =
  | CreateDomain
  | BootstrapDomain
  | CreateProject
  | CreateUser
  | EnableUser
  | DisableUser
  | CreateAccessKey
  | SetAccessKeyStatus
  | SetAccessKeyDescription
  | DeleteAccessKey
  | UserCommand
  | GroupCommand
  | PolicyCommand;

/** The events a command produces (possibly none), or a thrown `DewError`. */
export function decide(state: AccountState, command: AccountCommand): readonly AccountEvent[] {
  switch (command.type) {
    case 'CreateDomain':
      return createDomain(state, command);
    case 'BootstrapDomain':
      return bootstrapDomain(state, command);
    case 'CreateProject':
      return createProject(active(state), command);
    case 'CreateUser':
      return createUser(active(state), command);
    case 'EnableUser':
    case 'DisableUser':
      return setUserEnabled(active(state), command);
    case 'CreateAccessKey':
      return createAccessKey(active(state), command);
    case 'SetAccessKeyStatus':
      return setAccessKeyStatus(active(state), command);
    case 'SetAccessKeyDescription':
      return setAccessKeyDescription(active(state), command);
    case 'DeleteAccessKey':
      return deleteAccessKey(active(state), command);
    case 'UpdateUser':
    case 'DeleteUser':
      return decideUser(active(state), command);
    case 'CreateGroup':
    case 'UpdateGroup':
    case 'DeleteGroup':
    case 'AddUserToGroup':
    case 'RemoveUserFromGroup':
      return decideGroup(active(state), command);
    case 'CreatePolicy':
    case 'UpdatePolicy':
    case 'DeletePolicy':
    case 'AttachPolicy':
    case 'DetachPolicy':
      return decidePolicy(active(state), command);
    default:
      return assertNever(command);
  }
}

function createDomain(state: AccountState, c: CreateDomain): readonly AccountEvent[] {
  switch (state.status) {
    case 'Active':
      throw new DewError('IAM.0003', `domain ${state.domainId} already exists`);
    case 'Absent':
      checkId('domain_id', c.domainId);
      checkResourceName('domain name', c.name);
      return [{ type: 'DomainCreated', domainId: c.domainId, name: c.name, at: c.now }];
    default:
      return assertNever(state);
  }
}

/** Decides the four steps in turn against the state each one leaves, so every rule applies. */
function bootstrapDomain(state: AccountState, c: BootstrapDomain): readonly AccountEvent[] {
  const steps: readonly AccountCommand[] = [
    { type: 'CreateDomain', domainId: c.domainId, name: c.domainName, now: c.now },
    { type: 'CreateProject', projectId: c.projectId, name: c.projectName, now: c.now },
    { type: 'CreateUser', userId: c.userId, name: c.userName, passwordHash: c.passwordHash, isDomainAdmin: true, now: c.now },
    { type: 'CreateAccessKey', actorId: c.userId, accessKey: c.accessKey, userId: c.userId, wrappedSecret: c.wrappedSecret, now: c.now },
  ];
  const events: AccountEvent[] = [];
  let current = state;
  for (const step of steps) {
    for (const event of decide(current, step)) {
      events.push(event);
      current = evolve(current, event);
    }
  }
  return events;
}

function createProject(state: ActiveAccount, c: CreateProject): readonly AccountEvent[] {
  checkId('project_id', c.projectId);
  checkResourceName('project name', c.name);
  if (own(state.projects, c.projectId) !== undefined) {
    throw new DewError('IAM.0003', `project ${c.projectId} already exists`);
  }
  if (Object.values(state.projects).some((p) => p.name === c.name)) {
    throw new DewError('IAM.0003', `project name ${shown(c.name)} already exists in domain ${state.domainId}`);
  }
  return [{ type: 'ProjectCreated', projectId: c.projectId, domainId: state.domainId, name: c.name, at: c.now }];
}

function createUser(state: ActiveAccount, c: CreateUser): readonly AccountEvent[] {
  checkId('user_id', c.userId);
  checkUserName(c.name);
  checkPasswordHash(c.passwordHash);
  checkBoolean('isDomainAdmin', c.isDomainAdmin);
  const enabled = c.enabled ?? true;
  checkBoolean('enabled', enabled);
  const description = c.description ?? '';
  checkDescription(description);
  if (own(state.users, c.userId) !== undefined) {
    throw new DewError('IAM.0003', `user ${c.userId} already exists`);
  }
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

function setUserEnabled(state: ActiveAccount, c: EnableUser | DisableUser): readonly AccountEvent[] {
  const user = existingUser(state, c.userId);
  checkMayChangeUser(state, c.actorId, user, 'enable or disable');
  const enabled = c.type === 'EnableUser';
  if (!enabled) checkMayBeDisabled(user);
  if (user.enabled === enabled) return [];
  return [{ type: enabled ? 'UserEnabled' : 'UserDisabled', userId: user.id, at: c.now }];
}

function createAccessKey(state: ActiveAccount, c: CreateAccessKey): readonly AccountEvent[] {
  checkAccessKey(c.accessKey);
  checkWrappedSecret(c.wrappedSecret);
  const description = c.description ?? '';
  checkDescription(description);
  const user = existingUser(state, c.userId);
  checkMayChangeUser(state, c.actorId, user, 'create an access key for');
  // DEW decision: no new key for a disabled user (IAM.0001; see the report to the lead).
  if (!user.enabled) throw new DewError('IAM.0001', `user ${user.id} is disabled`);
  const held = Object.values(state.accessKeys).filter((k) => k.userId === user.id).length;
  if (held >= ACCESS_KEYS_PER_USER) {
    throw new DewError('IAM.0004', `user ${user.id} already has ${held} access keys (limit ${ACCESS_KEYS_PER_USER})`);
  }
  if (own(state.accessKeys, c.accessKey) !== undefined) {
    throw new DewError('IAM.0003', `access key ${c.accessKey} already exists`);
  }
  return [
    { type: 'AccessKeyCreated', accessKey: c.accessKey, userId: user.id, wrappedSecret: c.wrappedSecret, description, at: c.now },
  ];
}

/** The key a change names, once the actor may change its owner's keys. */
function changeableAccessKey(state: ActiveAccount, c: SetAccessKeyStatus | SetAccessKeyDescription | DeleteAccessKey): AccessKey {
  checkAccessKey(c.accessKey);
  const key = own(state.accessKeys, c.accessKey);
  if (key === undefined) throw new DewError('IAM.0002', `access key ${c.accessKey} does not exist`);
  checkMayChangeUser(state, c.actorId, existingUser(state, key.userId), 'change or delete an access key of');
  return key;
}

function setAccessKeyStatus(state: ActiveAccount, c: SetAccessKeyStatus): readonly AccountEvent[] {
  const key = changeableAccessKey(state, c);
  if (c.status !== 'active' && c.status !== 'inactive') {
    throw new DewError('IAM.0001', `status must be "active" or "inactive" (got ${shown(c.status)})`);
  }
  if (key.status === c.status) return [];
  return [{ type: 'AccessKeyStatusChanged', accessKey: c.accessKey, status: c.status, at: c.now }];
}

function setAccessKeyDescription(state: ActiveAccount, c: SetAccessKeyDescription): readonly AccountEvent[] {
  const key = changeableAccessKey(state, c);
  checkDescription(c.description);
  if (key.description === c.description) return [];
  return [{ type: 'AccessKeyDescriptionChanged', accessKey: key.accessKey, description: c.description, at: c.now }];
}

function deleteAccessKey(state: ActiveAccount, c: DeleteAccessKey): readonly AccountEvent[] {
  changeableAccessKey(state, c);
  return [{ type: 'AccessKeyDeleted', accessKey: c.accessKey, at: c.now }];
}

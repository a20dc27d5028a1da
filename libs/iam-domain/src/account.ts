/**
 * IAM account (domain) aggregate: events, state and evolve. One event subject per domain
 * (e.g. `evt.iam.<domainId>.account`) guards the uniqueness of project, user and group names and
 * of custom policy display names, the access-key and custom-policy quotas, and keeps groups,
 * memberships and policy attachments (groups.ts, policies.ts). Events never hold secrets in
 * clear: `passwordHash` is an opaque hash and `wrappedSecret` is the SK wrapped by the root key.
 */
import type { AccessKeyStatus, AccountState, ActiveAccount, Instant, User } from './account.state.js';
import { evolveGroupEvent, type GroupEvent } from './groups.js';
import { evolvePolicyEvent, type PolicyEvent } from './policies.js';
import type { PasswordStrength } from './password-strength.js';
import { assertNever, own, withEntry, withoutEntry } from './records.js';

export interface DomainCreated {
  readonly type: 'DomainCreated';
  readonly domainId: string;
  readonly name: string;
  readonly at: Instant;
}
/** A region project (e.g. `dew-local`) whose parent is the domain. */
export interface ProjectCreated {
  readonly type: 'ProjectCreated';
  readonly projectId: string;
  readonly domainId: string;
  readonly name: string;
  readonly at: Instant;
}
export interface UserCreated {
  readonly type: 'UserCreated';
  readonly userId: string;
  readonly domainId: string;
  readonly name: string;
  /** Opaque password hash (e.g. `scrypt$…`), null for a programmatic-only user. */
  readonly passwordHash: string | null;
  /** Judged from the password before hashing; absent without a password and in older events. */
  readonly passwordStrength?: PasswordStrength;
  readonly isDomainAdmin: boolean;
  readonly enabled: boolean;
  /** Absent in events written before users had descriptions (read as ""). */
  readonly description?: string;
  readonly at: Instant;
}
/** Carries the user's name and description after the change. */
export interface UserUpdated {
  readonly type: 'UserUpdated';
  readonly userId: string;
  readonly name: string;
  readonly description: string;
  readonly at: Instant;
}
/** A new opaque password hash; an event of its own so audit never copies it with other fields. */
export interface UserPasswordChanged {
  readonly type: 'UserPasswordChanged';
  readonly userId: string;
  readonly passwordHash: string;
  /** Judged from the password before hashing; absent in older events. */
  readonly passwordStrength?: PasswordStrength;
  readonly at: Instant;
}
/**
 * Also ends the user's group memberships. The user's access keys are deleted by
 * `AccessKeyDeleted` events just before it (evolve drops any that are left, too).
 */
export interface UserDeleted {
  readonly type: 'UserDeleted';
  readonly userId: string;
  readonly at: Instant;
}
export interface UserEnabled {
  readonly type: 'UserEnabled';
  readonly userId: string;
  readonly at: Instant;
}
export interface UserDisabled {
  readonly type: 'UserDisabled';
  readonly userId: string;
  readonly at: Instant;
}
export interface AccessKeyCreated {
  readonly type: 'AccessKeyCreated';
  readonly accessKey: string;
  readonly userId: string;
  /** The SK wrapped by the root key; opaque here. */
  readonly wrappedSecret: string;
  readonly description: string;
  readonly at: Instant;
}
export interface AccessKeyStatusChanged {
  readonly type: 'AccessKeyStatusChanged';
  readonly accessKey: string;
  readonly status: AccessKeyStatus;
  readonly at: Instant;
}
export interface AccessKeyDescriptionChanged {
  readonly type: 'AccessKeyDescriptionChanged';
  readonly accessKey: string;
  readonly description: string;
  readonly at: Instant;
}
export interface AccessKeyDeleted {
  readonly type: 'AccessKeyDeleted';
  readonly accessKey: string;
  readonly at: Instant;
}

export type AccountEvent =
  | DomainCreated
  | ProjectCreated
  | UserCreated
  | UserUpdated
  | UserPasswordChanged
  | UserDeleted
  | UserEnabled
  | UserDisabled
  | AccessKeyCreated
  | AccessKeyStatusChanged
  | AccessKeyDescriptionChanged
  | AccessKeyDeleted
  | GroupEvent
  | PolicyEvent;

export function initialAccount(): AccountState {
  return { status: 'Absent' };
}

/**
 * Applies one event. Total: an event that does not fit the state (which a valid stream never
 * holds) leaves the state unchanged, so a replay never stops half-way.
 */
export function evolve(state: AccountState, event: AccountEvent): AccountState {
  switch (state.status) {
    case 'Absent':
      return event.type === 'DomainCreated'
        ? {
            status: 'Active',
            domainId: event.domainId,
            name: event.name,
            createdAt: event.at,
            projects: {},
            users: {},
            accessKeys: {},
            groups: {},
            policies: {},
            attachments: [],
          }
        : state;
    case 'Active':
      return evolveActive(state, event);
    default:
      return assertNever(state);
  }
}

function evolveActive(state: ActiveAccount, event: AccountEvent): ActiveAccount {
  switch (event.type) {
    case 'DomainCreated':
      return state;
    case 'ProjectCreated':
      return {
        ...state,
        projects: withEntry(state.projects, event.projectId, {
          id: event.projectId,
          name: event.name,
          domainId: state.domainId,
          parentId: state.domainId,
          createdAt: event.at,
        }),
      };
    case 'UserCreated':
      return {
        ...state,
        users: withEntry(state.users, event.userId, {
          id: event.userId,
          name: event.name,
          domainId: state.domainId,
          passwordHash: event.passwordHash,
          passwordStrength: event.passwordStrength ?? null,
          isDomainAdmin: event.isDomainAdmin,
          enabled: event.enabled,
          description: event.description ?? '',
          tokensValidAfter: null,
          createdAt: event.at,
          updatedAt: event.at,
        }),
      };
    case 'UserUpdated':
      return withUser(state, event.userId, (u) => ({ ...u, name: event.name, description: event.description, updatedAt: event.at }));
    case 'UserPasswordChanged':
      return withUser(state, event.userId, (u) => ({ ...u, passwordHash: event.passwordHash, passwordStrength: event.passwordStrength ?? null, tokensValidAfter: event.at, updatedAt: event.at }));
    case 'UserDeleted':
      return deleteUser(state, event.userId);
    case 'UserEnabled':
      return withUser(state, event.userId, (u) => ({ ...u, enabled: true, updatedAt: event.at }));
    case 'UserDisabled':
      return withUser(state, event.userId, (u) => ({ ...u, enabled: false, tokensValidAfter: event.at, updatedAt: event.at }));
    case 'AccessKeyCreated':
      return {
        ...state,
        accessKeys: withEntry(state.accessKeys, event.accessKey, {
          accessKey: event.accessKey,
          userId: event.userId,
          wrappedSecret: event.wrappedSecret,
          description: event.description,
          status: 'active',
          createdAt: event.at,
          updatedAt: event.at,
        }),
      };
    case 'AccessKeyStatusChanged': {
      const key = own(state.accessKeys, event.accessKey);
      if (key === undefined) return state;
      return {
        ...state,
        accessKeys: withEntry(state.accessKeys, key.accessKey, { ...key, status: event.status, updatedAt: event.at }),
      };
    }
    case 'AccessKeyDescriptionChanged': {
      const key = own(state.accessKeys, event.accessKey);
      if (key === undefined) return state;
      return {
        ...state,
        accessKeys: withEntry(state.accessKeys, key.accessKey, { ...key, description: event.description, updatedAt: event.at }),
      };
    }
    case 'AccessKeyDeleted': {
      const accessKeys = withoutEntry(state.accessKeys, event.accessKey);
      return accessKeys === state.accessKeys ? state : { ...state, accessKeys };
    }
    case 'GroupCreated':
    case 'GroupUpdated':
    case 'GroupDeleted':
    case 'UserAddedToGroup':
    case 'UserRemovedFromGroup':
      return evolveGroupEvent(state, event);
    case 'PolicyCreated':
    case 'PolicyUpdated':
    case 'PolicyDeleted':
    case 'PolicyAttached':
    case 'PolicyDetached':
      return evolvePolicyEvent(state, event);
    default:
      return assertNever(event);
  }
}

function withUser(state: ActiveAccount, userId: string, change: (user: User) => User): ActiveAccount {
  const user = own(state.users, userId);
  if (user === undefined) return state;
  return { ...state, users: withEntry(state.users, userId, change(user)) };
}

function deleteUser(state: ActiveAccount, userId: string): ActiveAccount {
  if (own(state.users, userId) === undefined) return state;
  const accessKeys = Object.fromEntries(Object.entries(state.accessKeys).filter(([, k]) => k.userId !== userId));
  const groups = Object.fromEntries(
    Object.entries(state.groups).map(([id, g]) => [id, g.members.includes(userId) ? { ...g, members: g.members.filter((m) => m !== userId) } : g]),
  );
  return { ...state, users: withoutEntry(state.users, userId), accessKeys, groups };
}

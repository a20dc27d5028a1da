/**
 * IAM account (domain) aggregate: events, state and evolve. One event subject per domain
 * (e.g. `evt.iam.<domainId>.account`) guards user-name and project-name uniqueness and the
 * access-key quota. Events never hold secrets in clear: `passwordHash` is an opaque hash and
 * `wrappedSecret` is the SK wrapped by the root key.
 */
import { assertNever, own, withEntry, withoutEntry } from './records.js';

/** ISO-8601 UTC instant from the service's clock, e.g. `2026-11-28T10:00:00.000Z`. */
export type Instant = string;
export type AccessKeyStatus = 'active' | 'inactive';

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
  readonly isDomainAdmin: boolean;
  readonly enabled: boolean;
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
export interface AccessKeyDeleted {
  readonly type: 'AccessKeyDeleted';
  readonly accessKey: string;
  readonly at: Instant;
}

export type AccountEvent =
  | DomainCreated
  | ProjectCreated
  | UserCreated
  | UserEnabled
  | UserDisabled
  | AccessKeyCreated
  | AccessKeyStatusChanged
  | AccessKeyDeleted;

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly domainId: string;
  /** Region projects hang directly under the domain. */
  readonly parentId: string;
  readonly createdAt: Instant;
}
export interface User {
  readonly id: string;
  readonly name: string;
  readonly domainId: string;
  /** Never render this; it is here only to verify a password. */
  readonly passwordHash: string | null;
  readonly isDomainAdmin: boolean;
  readonly enabled: boolean;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}
export interface AccessKey {
  readonly accessKey: string;
  readonly userId: string;
  readonly wrappedSecret: string;
  readonly description: string;
  readonly status: AccessKeyStatus;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export interface AbsentAccount {
  readonly status: 'Absent';
}
export interface ActiveAccount {
  readonly status: 'Active';
  readonly domainId: string;
  readonly name: string;
  readonly createdAt: Instant;
  readonly projects: Readonly<Record<string, Project>>;
  readonly users: Readonly<Record<string, User>>;
  readonly accessKeys: Readonly<Record<string, AccessKey>>;
}
export type AccountState = AbsentAccount | ActiveAccount;

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
          isDomainAdmin: event.isDomainAdmin,
          enabled: event.enabled,
          createdAt: event.at,
          updatedAt: event.at,
        }),
      };
    case 'UserEnabled':
      return setUserEnabled(state, event.userId, true, event.at);
    case 'UserDisabled':
      return setUserEnabled(state, event.userId, false, event.at);
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
    case 'AccessKeyDeleted': {
      const accessKeys = withoutEntry(state.accessKeys, event.accessKey);
      return accessKeys === state.accessKeys ? state : { ...state, accessKeys };
    }
    default:
      return assertNever(event);
  }
}

function setUserEnabled(state: ActiveAccount, userId: string, enabled: boolean, at: Instant): ActiveAccount {
  const user = own(state.users, userId);
  if (user === undefined) return state;
  return { ...state, users: withEntry(state.users, userId, { ...user, enabled, updatedAt: at }) };
}

/** Queries on one account (domain) state. Absent domains answer null / []. */
import type { Instant, PersistentMap } from '@dew/decider';
import { groupIdsOfUser } from './members.js';
import { indexed } from './records.js';
import type { AccessKey, AccessKeyStatus, AccountState, ActiveAccount, Group, Project, User } from './account.state.js';

export type AccessKeyUnusableReason = 'AccessKeyInactive' | 'UserDisabled';

interface AccessKeyLookupFields {
  readonly accessKey: string;
  readonly userId: string;
  readonly status: AccessKeyStatus;
  readonly description: string;
  readonly createdAt: Instant;
  /** Unwrap with the root key to verify a signature; never render it. */
  readonly wrappedSecret: string;
  readonly user: { readonly id: string; readonly name: string; readonly enabled: boolean; readonly isDomainAdmin: boolean };
  readonly domain: { readonly id: string; readonly name: string };
}
/** An access key can sign requests only while it is active and its user is enabled. */
export type AccessKeyLookup = AccessKeyLookupFields &
  ({ readonly usable: true; readonly reason: null } | { readonly usable: false; readonly reason: AccessKeyUnusableReason });

/** What ListPermanentAccessKeys / ShowPermanentAccessKey may show (no secret, not even wrapped). */
export type AccessKeyInfo = Omit<AccessKey, 'wrappedSecret'>;

export function findAccessKey(state: AccountState, accessKey: string): AccessKeyLookup | null {
  if (state.status !== 'Active') return null;
  const key = state.accessKeys.get(accessKey);
  const user = key === undefined ? undefined : state.users.get(key.userId);
  if (key === undefined || user === undefined) return null;
  const reason: AccessKeyUnusableReason | null = key.status !== 'active' ? 'AccessKeyInactive' : !user.enabled ? 'UserDisabled' : null;
  // One literal, not fields spread into each outcome: a spread is V8's generic property copy, on every signed request.
  const lookup: AccessKeyLookupFields & { usable: boolean; reason: AccessKeyUnusableReason | null } = {
    accessKey: key.accessKey,
    userId: key.userId,
    status: key.status,
    description: key.description,
    createdAt: key.createdAt,
    wrappedSecret: key.wrappedSecret,
    user: { id: user.id, name: user.name, enabled: user.enabled, isDomainAdmin: user.isDomainAdmin },
    domain: { id: state.domainId, name: state.name },
    usable: reason === null,
    reason,
  };
  return lookup as AccessKeyLookup;
}

/** The user's access keys (or all of the domain's), oldest first. */
export function listAccessKeys(state: AccountState, userId?: string): readonly AccessKeyInfo[] {
  if (state.status !== 'Active') return [];
  const keys = userId === undefined ? [...state.accessKeys.values()] : indexed(state.accessKeysByUser, userId).flatMap((k) => state.accessKeys.get(k) ?? []);
  return keys.sort((a, b) => a.createdAt - b.createdAt || compare(a.accessKey, b.accessKey)).map(accessKeyInfo);
}

export function accessKeyInfo({ wrappedSecret: _wrapped, ...info }: AccessKey): AccessKeyInfo {
  return info;
}

export function findProject(state: AccountState, projectId: string): Project | null {
  return state.status === 'Active' ? (state.projects.get(projectId) ?? null) : null;
}

/** Projects sorted by name; `name` filters exactly (the SDK's `GET /v3/projects?name={region}`). */
export function listProjects(state: AccountState, filter: { readonly name?: string } = {}): readonly Project[] {
  if (state.status !== 'Active') return [];
  const named = filter.name === undefined ? [...state.projects.values()] : byName(state.projects, state.projectIdsByName, filter.name);
  return named.sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
}

export function findUser(state: AccountState, userId: string): User | null {
  return state.status === 'Active' ? (state.users.get(userId) ?? null) : null;
}

/** Exact (case-sensitive) name match. The result carries `passwordHash` for verification only. */
export function findUserByName(state: AccountState, name: string): User | null {
  if (state.status !== 'Active') return null;
  return byName(state.users, state.userIdsByName, name)[0] ?? null;
}

/** Groups the user belongs to (membership ends when the user or the group is deleted). */
export function groupsOfUser(state: ActiveAccount, userId: string): readonly Group[] {
  return groupIdsOfUser(state, userId).flatMap((id) => state.groups.get(id) ?? []);
}

/** The entity a name index names, as a list of none or one. */
export function byName<T>(entities: PersistentMap<T>, names: PersistentMap<string>, name: string): T[] {
  const id = names.get(name);
  const found = id === undefined ? undefined : entities.get(id);
  return found === undefined ? [] : [found];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

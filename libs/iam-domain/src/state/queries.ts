/** Queries on one account (domain) state. Absent domains answer null / []. */
import type { Instant } from '@dew/decider';
import type { AccessKey, AccessKeyStatus, AccountState, ActiveAccount, Group, Project, User } from './account.state.js';
import { own } from './records.js';

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
  const key = own(state.accessKeys, accessKey);
  const user = key === undefined ? undefined : own(state.users, key.userId);
  if (key === undefined || user === undefined) return null;
  const fields: AccessKeyLookupFields = {
    accessKey: key.accessKey,
    userId: key.userId,
    status: key.status,
    description: key.description,
    createdAt: key.createdAt,
    wrappedSecret: key.wrappedSecret,
    user: { id: user.id, name: user.name, enabled: user.enabled, isDomainAdmin: user.isDomainAdmin },
    domain: { id: state.domainId, name: state.name },
  };
  if (key.status !== 'active') return { ...fields, usable: false, reason: 'AccessKeyInactive' };
  if (!user.enabled) return { ...fields, usable: false, reason: 'UserDisabled' };
  return { ...fields, usable: true, reason: null };
}

/** The user's access keys (or all of the domain's), oldest first. */
export function listAccessKeys(state: AccountState, userId?: string): readonly AccessKeyInfo[] {
  if (state.status !== 'Active') return [];
  return Object.values(state.accessKeys)
    .filter((k) => userId === undefined || k.userId === userId)
    .sort((a, b) => a.createdAt - b.createdAt || compare(a.accessKey, b.accessKey))
    .map(({ wrappedSecret: _wrapped, ...info }) => info);
}

export function findProject(state: AccountState, projectId: string): Project | null {
  return state.status === 'Active' ? (own(state.projects, projectId) ?? null) : null;
}

/** Projects sorted by name; `name` filters exactly (the SDK's `GET /v3/projects?name={region}`). */
export function listProjects(state: AccountState, filter: { readonly name?: string } = {}): readonly Project[] {
  if (state.status !== 'Active') return [];
  return Object.values(state.projects)
    .filter((p) => filter.name === undefined || p.name === filter.name)
    .sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
}

export function findUser(state: AccountState, userId: string): User | null {
  return state.status === 'Active' ? (own(state.users, userId) ?? null) : null;
}

/** Exact (case-sensitive) name match. The result carries `passwordHash` for verification only. */
export function findUserByName(state: AccountState, name: string): User | null {
  if (state.status !== 'Active') return null;
  return Object.values(state.users).find((u) => u.name === name) ?? null;
}

/** Groups the user belongs to (membership ends when the user or the group is deleted). */
export function groupsOfUser(state: ActiveAccount, userId: string): readonly Group[] {
  return Object.values(state.groups).filter((g) => g.members.includes(userId));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

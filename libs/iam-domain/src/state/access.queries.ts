/** Queries on groups, custom policies and attachments of one account state. Absent → null / []. */
import type { AccountState, AttachmentScope, CustomPolicy, Group, User } from './account.state.js';
import { findSystemPolicy, type SystemPolicy } from '../policy-documents/system-policies.js';
import { attachmentsOfGroup, attachmentsOfPolicy, sameScope } from './attachments.js';
import { memberIds } from './members.js';
import { byName, groupsOfUser } from './queries.js';

export type AnyPolicy = ({ readonly source: 'custom' } & CustomPolicy) | ({ readonly source: 'system' } & SystemPolicy);

export function findGroup(state: AccountState, groupId: string): Group | null {
  return state.status === 'Active' ? (state.groups.get(groupId) ?? null) : null;
}

/** Groups sorted by name; `name` filters exactly (`GET /v3/groups?name`). */
export function listGroups(state: AccountState, filter: { readonly name?: string } = {}): readonly Group[] {
  if (state.status !== 'Active') return [];
  const named = filter.name === undefined ? [...state.groups.values()] : byName(state.groups, state.groupIdsByName, filter.name);
  return named.sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
}

/** `GET /v3/users/{user_id}/groups`. */
export function listGroupsOfUser(state: AccountState, userId: string): readonly Group[] {
  if (state.status !== 'Active') return [];
  return groupsOfUser(state, userId).slice().sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
}

/** `GET /v3/groups/{group_id}/users`, in joining order. */
export function listGroupMembers(state: AccountState, groupId: string): readonly User[] {
  if (state.status !== 'Active') return [];
  const group = state.groups.get(groupId);
  if (group === undefined) return [];
  return memberIds(group).flatMap((id) => state.users.get(id) ?? []);
}

/** A custom policy of the domain or a system policy. */
export function findPolicy(state: AccountState, policyId: string): AnyPolicy | null {
  const system = findSystemPolicy(policyId);
  if (system !== null) return { source: 'system', ...system };
  const custom = state.status === 'Active' ? state.policies.get(policyId) : undefined;
  return custom === undefined ? null : { source: 'custom', ...custom };
}

/** The domain's custom policies, oldest first. */
export function listCustomPolicies(state: AccountState): readonly CustomPolicy[] {
  if (state.status !== 'Active') return [];
  return [...state.policies.values()].sort((a, b) => a.createdAt - b.createdAt || compare(a.id, b.id));
}

/** Ids of the policies a group holds in exactly this scope (the list calls of a group's permissions), sorted. */
export function listGroupPolicyIds(state: AccountState, groupId: string, scope: AttachmentScope): readonly string[] {
  if (state.status !== 'Active') return [];
  return attachmentsOfGroup(state, groupId)
    .filter((a) => sameScope(a.scope, scope))
    .map((a) => a.policyId)
    .sort();
}

/** How many groups a custom policy is attached to (ShowCustomPolicy `references`). */
export function policyReferences(state: AccountState, policyId: string): number {
  if (state.status !== 'Active') return 0;
  return new Set(attachmentsOfPolicy(state, policyId).map((a) => a.groupId)).size;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

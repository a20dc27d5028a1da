/**
 * Lookups that answer the entity or refuse by name (IAM.0002 / 0003). The `existing…` ones are
 * decide-side guards and quote the id as a field rule does; the `require…` ones answer the
 * service's reads and show the id as the read's answer always has (cut, unquoted).
 */
import {
  DomainNotFound,
  GroupNotFound,
  NameTaken,
  PolicyNotAttached,
  PolicyNotFound,
  ProjectNotFound,
  UserNotFound,
  UserNotInGroup,
  AccessKeyNotFound,
} from '@dew/contracts';
import { shown } from '../fields/limits.js';
import type { AccountState, ActiveAccount, AttachmentScope, CustomPolicy, Group, Project, User } from './account.state.js';
import { findAttachment } from './attachments.js';
import { accessKeyInfo, type AccessKeyInfo } from './queries.js';
import { isMember } from './members.js';
import { assertNever } from './records.js';

export function active(state: AccountState): ActiveAccount {
  switch (state.status) {
    case 'Active':
      return state;
    case 'Absent':
      throw DomainNotFound();
    default:
      return assertNever(state);
  }
}

export function existingUser(state: ActiveAccount, userId: string): User {
  const user = state.users.get(userId);
  if (user === undefined) throw UserNotFound(shown(userId));
  return user;
}

export function existingGroup(state: ActiveAccount, groupId: string): Group {
  const group = state.groups.get(groupId);
  if (group === undefined) throw GroupNotFound(shown(groupId));
  return group;
}

export function existingProject(state: ActiveAccount, projectId: string): Project {
  const project = state.projects.get(projectId);
  if (project === undefined) throw ProjectNotFound(shown(projectId), ` in domain ${state.domainId}`);
  return project;
}

/** User names are unique in the domain (the user itself may keep its own name). */
export function checkUserNameFree(state: ActiveAccount, name: string, selfId?: string): void {
  const holder = state.userIdsByName.get(name);
  if (holder !== undefined && holder !== selfId) {
    throw NameTaken('user name', shown(name), state.domainId);
  }
}

export function requireUser(state: ActiveAccount, userId: string): User {
  const user = state.users.get(userId);
  if (user === undefined) throw UserNotFound(userId.slice(0, 64));
  return user;
}

export function requireGroup(state: ActiveAccount, groupId: string): Group {
  const group = state.groups.get(groupId);
  if (group === undefined) throw GroupNotFound(groupId.slice(0, 64));
  return group;
}

export function requireProject(state: AccountState, projectId: string): Project {
  const project = state.status === 'Active' ? state.projects.get(projectId) : undefined;
  if (project === undefined) throw ProjectNotFound(projectId.slice(0, 64));
  return project;
}

/** A custom policy of the domain (system policies are not among them). */
export function requireCustomPolicy(state: ActiveAccount, policyId: string): CustomPolicy {
  const policy = state.policies.get(policyId);
  if (policy === undefined) throw PolicyNotFound(policyId.slice(0, 64));
  return policy;
}

/** What may be shown of an access key (no secret, not even wrapped). */
export function requireAccessKey(state: ActiveAccount, accessKey: string): AccessKeyInfo {
  const key = state.accessKeys.get(accessKey);
  if (key === undefined) throw AccessKeyNotFound(accessKey.slice(0, 20));
  return accessKeyInfo(key);
}

/** Both must exist, and the user must be a member of the group. */
export function requireMembership(state: ActiveAccount, groupId: string, userId: string): void {
  requireUser(state, userId);
  if (!isMember(requireGroup(state, groupId), userId)) throw UserNotInGroup(userId, groupId);
}

/** The group must exist and hold the policy in exactly this scope. */
export function requireAttachedPolicy(state: ActiveAccount, groupId: string, policyId: string, scope: AttachmentScope): void {
  requireGroup(state, groupId);
  if (findAttachment(state, groupId, policyId, scope) === undefined) throw PolicyNotAttached(policyId, groupId, 'there');
}

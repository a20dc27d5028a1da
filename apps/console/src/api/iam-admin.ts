import type { CustomRoleReply, CustomRolesReply, CustomRoleView, GroupReply, GroupsReply, GroupView, KeystoneUserView, ProjectsReply, RolesReply, RoleView, UserReply, UsersReply } from '@dew/contracts/wire-replies';
import type { Api } from '../session';

/**
 * IAM's users, groups and policies as the console manages them (guide 6.1, 6.2): Keystone paths
 * under /v3, custom policies under /v3.0/OS-ROLE. The caller's account is the token's, so no call
 * names a domain.
 */
export type User = KeystoneUserView;
export type Group = GroupView;
export type CustomPolicy = CustomRoleView;
export type Policy = RoleView;

const user = (id: string) => `/v3/users/${encodeURIComponent(id)}`;
const group = (id: string) => `/v3/groups/${encodeURIComponent(id)}`;
const member = (groupId: string, userId: string) => `${group(groupId)}/users/${encodeURIComponent(userId)}`;
const customPolicies = '/v3.0/OS-ROLE/roles';
const customPolicy = (id: string) => `${customPolicies}/${encodeURIComponent(id)}`;
const projectRoles = (groupId: string) => `/v3/projects/{project_id}/groups/${encodeURIComponent(groupId)}/roles`;

export const listUsers = async (api: Api) => (await api<UsersReply>('GET', '/v3/users')).users;
export const createUser = async (api: Api, req: { name: string; password: string; description: string }) => (await api<UserReply>('POST', '/v3/users', { user: { ...req, enabled: true } })).user;
export const setUserEnabled = async (api: Api, id: string, enabled: boolean) => (await api<UserReply>('PATCH', user(id), { user: { enabled } })).user;
export const deleteUser = (api: Api, id: string) => api('DELETE', user(id));

export const listGroups = async (api: Api) => (await api<GroupsReply>('GET', '/v3/groups')).groups;
export const showGroup = async (api: Api, id: string) => (await api<GroupReply>('GET', group(id))).group;
export const createGroup = async (api: Api, req: { name: string; description: string }) => (await api<GroupReply>('POST', '/v3/groups', { group: req })).group;
export const listGroupUsers = async (api: Api, groupId: string) => (await api<UsersReply>('GET', `${group(groupId)}/users`)).users;
export const addUserToGroup = (api: Api, groupId: string, userId: string) => api('PUT', member(groupId, userId));
export const removeUserFromGroup = (api: Api, groupId: string, userId: string) => api('DELETE', member(groupId, userId));

export const listSystemPolicies = async (api: Api) => (await api<RolesReply>('GET', '/v3/roles')).roles;
export const listCustomPolicies = async (api: Api) => (await api<CustomRolesReply>('GET', customPolicies)).roles;
export const showCustomPolicy = async (api: Api, id: string) => (await api<CustomRoleReply>('GET', customPolicy(id))).role;

/** A custom policy as the editor sends it; `policy` is the parsed JSON, checked by IAM (IAM.0001 names the place). */
export interface PolicyForm {
  readonly display_name: string;
  readonly description: string;
  readonly type: 'XA' | 'AX';
  readonly policy: unknown;
}
export const createCustomPolicy = async (api: Api, form: PolicyForm) => (await api<CustomRoleReply>('POST', customPolicies, { role: form })).role;
export const updateCustomPolicy = async (api: Api, id: string, form: PolicyForm) => (await api<CustomRoleReply>('PATCH', customPolicy(id), { role: form })).role;

/** Policies attached to a group in the console's project. */
export const listGroupPolicies = async (api: Api, groupId: string) => (await api<RolesReply>('GET', projectRoles(groupId))).roles;
export const detachPolicy = (api: Api, groupId: string, policyId: string) => api('DELETE', `${projectRoles(groupId)}/${encodeURIComponent(policyId)}`);

export const showUser = async (api: Api, id: string) => (await api<UserReply>('GET', user(id))).user;
/** Name and description: what DEW keeps of a user besides its password and status (IAM refuses an email or a phone: it keeps none). */
export const updateUser = async (api: Api, id: string, fields: { name: string; description: string }) => (await api<UserReply>('PATCH', user(id), { user: fields })).user;
export const deleteCustomPolicy = (api: Api, id: string) => api('DELETE', customPolicy(id));

/** The account's projects, for attaching a policy in another project than the console's. */
export const listProjects = async (api: Api) => (await api<ProjectsReply>('GET', '/v3/projects')).projects;

/**
 * Where a group gets a policy (guide 6.1, "authorization scope"): one project, every project of
 * the account (now and to come: OS-INHERIT), or the account itself for global services.
 */
export type AttachScope = { readonly kind: 'project'; readonly projectId: string } | { readonly kind: 'all-projects' } | { readonly kind: 'global' };
const scopedRoles = (domainId: string, groupId: string, scope: AttachScope) => {
  const g = encodeURIComponent(groupId);
  const d = encodeURIComponent(domainId);
  if (scope.kind === 'project') return { base: `/v3/projects/${encodeURIComponent(scope.projectId)}/groups/${g}/roles`, tail: '' };
  if (scope.kind === 'global') return { base: `/v3/domains/${d}/groups/${g}/roles`, tail: '' };
  return { base: `/v3/OS-INHERIT/domains/${d}/groups/${g}/roles`, tail: '/inherited_to_projects' };
};
export const attachPolicyIn = (api: Api, domainId: string, groupId: string, policyId: string, scope: AttachScope) => {
  const { base, tail } = scopedRoles(domainId, groupId, scope);
  return api('PUT', `${base}/${encodeURIComponent(policyId)}${tail}`);
};

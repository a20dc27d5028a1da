import { routeBuilder } from './http-route.js';
import type { RouteSpec } from './route.js';

const iam = routeBuilder('iam', 'iam', '/v3', false);
const iam30 = routeBuilder('iam', 'iam', '/v3.0', false);
const self = { access: 'authenticated' } as const;

/** The Huawei IAM v3 subset DEW serves. Paths carry no project; actions follow Huawei IAM's names. */
export const iamRoutes: readonly RouteSpec[] = [
  iam('POST', 'auth/tokens', 'create-token', 'iam:tokens:create', { access: 'public', successStatus: 201 }),
  iam('GET', 'auth/tokens', 'validate-token', 'iam:tokens:validate', self),
  iam('GET', 'auth/domains', 'list-auth-domains', 'iam:domains:list', self),
  iam('GET', 'auth/projects', 'list-auth-projects', 'iam:projects:list', self),
  iam('GET', 'projects', 'list-projects', 'iam:projects:list'),
  iam('GET', 'projects/:project_id', 'show-project', 'iam:projects:get'),

  iam('POST', 'users', 'create-user', 'iam:users:createUser', { successStatus: 201 }),
  iam('GET', 'users', 'list-users', 'iam:users:listUsers'),
  iam('GET', 'users/:user_id', 'show-user', 'iam:users:getUser'),
  iam('PATCH', 'users/:user_id', 'update-user', 'iam:users:updateUser'),
  iam('DELETE', 'users/:user_id', 'delete-user', 'iam:users:deleteUser', { successStatus: 204 }),
  iam('GET', 'users/:user_id/groups', 'list-groups-for-user', 'iam:users:listGroupsForUser'),
  // A user changes their own password (the original one required); IAM refuses anyone else's.
  iam('POST', 'users/:user_id/password', 'change-own-password', 'iam:users:updateUserPassword', { ...self, successStatus: 204 }),
  iam30('POST', 'OS-USER/users', 'os-create-user', 'iam:users:createUser', { successStatus: 201 }),
  iam30('GET', 'OS-USER/users/:user_id', 'os-show-user', 'iam:users:getUser'),
  iam30('PUT', 'OS-USER/users/:user_id', 'os-update-user', 'iam:users:updateUser'),

  iam('POST', 'groups', 'create-group', 'iam:groups:createGroup', { successStatus: 201 }),
  iam('GET', 'groups', 'list-groups', 'iam:groups:listGroups'),
  iam('GET', 'groups/:group_id', 'show-group', 'iam:groups:getGroup'),
  iam('PATCH', 'groups/:group_id', 'update-group', 'iam:groups:updateGroup'),
  iam('DELETE', 'groups/:group_id', 'delete-group', 'iam:groups:deleteGroup', { successStatus: 204 }),
  iam('GET', 'groups/:group_id/users', 'list-users-for-group', 'iam:groups:listUsersForGroup'),
  iam('PUT', 'groups/:group_id/users/:user_id', 'add-user-to-group', 'iam:groups:addUserToGroup', { successStatus: 204 }),
  iam('HEAD', 'groups/:group_id/users/:user_id', 'check-user-in-group', 'iam:groups:checkUserInGroup', { successStatus: 204 }),
  iam('DELETE', 'groups/:group_id/users/:user_id', 'remove-user-from-group', 'iam:groups:removeUserFromGroup', { successStatus: 204 }),

  iam30('POST', 'OS-ROLE/roles', 'create-policy', 'iam:roles:createRole', { successStatus: 201 }),
  iam30('GET', 'OS-ROLE/roles', 'list-policies', 'iam:roles:listRoles'),
  iam30('GET', 'OS-ROLE/roles/:role_id', 'show-policy', 'iam:roles:getRole'),
  iam30('PATCH', 'OS-ROLE/roles/:role_id', 'update-policy', 'iam:roles:updateRole'),
  iam30('DELETE', 'OS-ROLE/roles/:role_id', 'delete-policy', 'iam:roles:deleteRole'),
  iam('GET', 'roles', 'list-permissions', 'iam:roles:listRoles'),
  iam('GET', 'roles/:role_id', 'show-permission', 'iam:roles:getRole'),

  ...attachmentRoutes('projects/:project_id/groups/:group_id/roles', 'project', 'Project'),
  ...attachmentRoutes('domains/:domain_id/groups/:group_id/roles', 'domain', 'Domain'),
  iam('PUT', 'OS-INHERIT/domains/:domain_id/groups/:group_id/roles/:role_id/inherited_to_projects', 'attach-policy-all-projects', 'iam:permissions:grantRoleToGroupOnAllProjects', { successStatus: 204 }),
  iam('HEAD', 'OS-INHERIT/domains/:domain_id/groups/:group_id/roles/:role_id/inherited_to_projects', 'check-policy-all-projects', 'iam:permissions:checkRoleForGroupOnAllProjects', { successStatus: 204 }),
  iam('DELETE', 'OS-INHERIT/domains/:domain_id/groups/:group_id/roles/:role_id/inherited_to_projects', 'detach-policy-all-projects', 'iam:permissions:revokeRoleFromGroupOnAllProjects', { successStatus: 204 }),
  iam('GET', 'OS-INHERIT/domains/:domain_id/groups/:group_id/roles/inherited_to_projects', 'list-policies-all-projects', 'iam:permissions:listRolesForGroupOnAllProjects'),
  iam30('GET', 'OS-PERMISSION/role-assignments', 'list-role-assignments', 'iam:permissions:listRoleAssignments'),

  // Its answer is itself a credential: IAM accepts each signature of it once (docs/bus-security.md).
  iam30('POST', 'OS-CREDENTIAL/credentials', 'create-access-key', 'iam:credentials:createCredential', { successStatus: 201, singleUseSignature: true }),
  iam30('GET', 'OS-CREDENTIAL/credentials', 'list-access-keys', 'iam:credentials:listCredentials'),
  iam30('GET', 'OS-CREDENTIAL/credentials/:access_key', 'show-access-key', 'iam:credentials:getCredential'),
  iam30('PUT', 'OS-CREDENTIAL/credentials/:access_key', 'update-access-key', 'iam:credentials:updateCredential'),
  iam30('DELETE', 'OS-CREDENTIAL/credentials/:access_key', 'delete-access-key', 'iam:credentials:deleteCredential', { successStatus: 204 }),
];

function attachmentRoutes(base: string, scope: 'project' | 'domain', name: 'Project' | 'Domain'): RouteSpec[] {
  return [
    iam('PUT', `${base}/:role_id`, `attach-policy-${scope}`, `iam:permissions:grantRoleToGroupOn${name}`, { successStatus: 204 }),
    iam('HEAD', `${base}/:role_id`, `check-policy-${scope}`, `iam:permissions:checkRoleForGroupOn${name}`, { successStatus: 204 }),
    iam('DELETE', `${base}/:role_id`, `detach-policy-${scope}`, `iam:permissions:revokeRoleFromGroupOn${name}`, { successStatus: 204 }),
    iam('GET', base, `list-policies-${scope}`, `iam:permissions:listRolesForGroupOn${name}`),
  ];
}

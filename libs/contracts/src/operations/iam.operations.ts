import {
  AccessKeyRequest,
  AttachmentRequest,
  AuthenticateRequest,
  BootstrapRequest,
  ChangeOwnPasswordRequest,
  CreateCredentialRequest,
  CreateGroupRequest,
  CreatePolicyRequest,
  CreateTokenRequest,
  CreateUserRequest,
  DecideRequest,
  GroupIdRequest,
  ListCredentialsRequest,
  ListGroupsRequest,
  ListProjectsRequest,
  ListRolesRequest,
  ListUsersRequest,
  MembershipRequest,
  OsCreateUserRequest,
  OsUpdateUserRequest,
  ProjectIdRequest,
  RoleAssignmentsRequest,
  RoleIdRequest,
  UpdateCredentialRequest,
  UpdateGroupRequest,
  UpdatePolicyRequest,
  UpdateUserRequest,
  UserIdRequest,
  ValidateTokenRequest,
} from '../iam/index.js';
import type {
  AccessKeyReply,
  AccessKeysReply,
  AuthDomainsReply,
  AuthProjectsReply,
  BootstrapReply,
  CreatedAccessKeyReply,
  CustomRoleReply,
  CustomRolesReply,
  DeletedRoleReply,
  GroupReply,
  GroupsReply,
  NoContentReply,
  OsUserReply,
  ProjectReply,
  ProjectsReply,
  RoleAssignmentsReply,
  RoleReply,
  RolesReply,
  ShownAccessKeyReply,
  ShownCustomRoleReply,
  TokenReply,
  UserReply,
  UsersReply,
} from '../iam/index.js';
import type { AuthenticationReply, DecideReply } from './bus-replies.js';
import { operationsOf, stateChange, type HttpMethod, type OperationOptions, type ResourceKind } from './operation.js';

const op = operationsOf('iam', 'iam', 'iam', false);
const SELF = { access: 'authenticated' } as const;
const NO_CONTENT = 204;

interface IamRoute<Req extends object> extends Omit<OperationOptions<Req>, 'http' | 'permission'> {
  readonly status?: 201 | 204;
  readonly access?: 'authenticated' | 'public';
}

/** An IAM operation under `/v3` or `/v3.0` (Keystone paths carry no project; actions follow Huawei IAM's names). */
function iamAt(version: '/v3' | '/v3.0') {
  return <Req extends object = object, Rep = unknown>(method: HttpMethod, path: string, name: string, action: string, resource: ResourceKind, o: IamRoute<Req> = {}) => {
    const { status, access, ...rest } = o;
    return op<Req, Rep>(name, {
      ...rest,
      http: { method, paths: [`${version}/${path}`], ...(status ? { successStatus: status } : {}), ...(access ? { access } : {}) },
      permission: { action, resource },
    });
  };
}
const iam = iamAt('/v3');
const iam30 = iamAt('/v3.0');

const userChange = (name: string, ...events: string[]) => stateChange('user', name, ...events);
const groupChange = (name: string, ...events: string[]) => stateChange('group', name, ...events);
const policyChange = (name: string, ...events: string[]) => stateChange('policy', name, ...events);
const keyChange = (name: string, ...events: string[]) => stateChange('credential', name, ...events);

/** An update of a user traces each event it appends under its own name (enabling is `enableUser`). */
const USER_UPDATE = {
  trace: {
    name: 'updateUser',
    resourceType: 'user',
    events: { UserUpdated: 'updateUser', UserEnabled: 'enableUser', UserDisabled: 'disableUser', UserPasswordChanged: 'changePassword' },
  },
  flags: { changesState: true },
} as const;

function attachments(base: string, scope: 'project' | 'domain', name: 'Project' | 'Domain') {
  const p = `iam:permissions:`;
  const dto = AttachmentRequest;
  return {
    attach: iam<AttachmentRequest, NoContentReply>('PUT', `${base}/:role_id`, `attach-policy-${scope}`, `${p}grantRoleToGroupOn${name}`, 'policy', { dto, status: NO_CONTENT, ...policyChange('attachPolicy', 'PolicyAttached') }),
    check: iam<AttachmentRequest, NoContentReply>('HEAD', `${base}/:role_id`, `check-policy-${scope}`, `${p}checkRoleForGroupOn${name}`, 'policy', { dto, status: NO_CONTENT }),
    detach: iam<AttachmentRequest, NoContentReply>('DELETE', `${base}/:role_id`, `detach-policy-${scope}`, `${p}revokeRoleFromGroupOn${name}`, 'policy', { dto, status: NO_CONTENT, ...policyChange('detachPolicy', 'PolicyDetached') }),
    list: iam<AttachmentRequest, RolesReply>('GET', base, `list-policies-${scope}`, `${p}listRolesForGroupOn${name}`, 'policy', { dto }),
  };
}
const onProject = attachments('projects/:project_id/groups/:group_id/roles', 'project', 'Project');
const onDomain = attachments('domains/:domain_id/groups/:group_id/roles', 'domain', 'Domain');
const INHERITED = 'OS-INHERIT/domains/:domain_id/groups/:group_id/roles';

/** The Huawei IAM v3 subset DEW serves (docs/architecture.md, "Operations"). */
export const iamOperations = {
  createToken: iam<CreateTokenRequest, TokenReply>('POST', 'auth/tokens', 'create-token', 'iam:tokens:create', 'token', { dto: CreateTokenRequest, access: 'public', status: 201 }),
  validateToken: iam<ValidateTokenRequest, TokenReply>('GET', 'auth/tokens', 'validate-token', 'iam:tokens:validate', 'token', { dto: ValidateTokenRequest, ...SELF }),
  listAuthDomains: iam<object, AuthDomainsReply>('GET', 'auth/domains', 'list-auth-domains', 'iam:domains:list', 'domain', SELF),
  listAuthProjects: iam<object, AuthProjectsReply>('GET', 'auth/projects', 'list-auth-projects', 'iam:projects:list', 'project', SELF),
  listProjects: iam<ListProjectsRequest, ProjectsReply>('GET', 'projects', 'list-projects', 'iam:projects:list', 'project', { dto: ListProjectsRequest }),
  showProject: iam<ProjectIdRequest, ProjectReply>('GET', 'projects/:project_id', 'show-project', 'iam:projects:get', 'project', { dto: ProjectIdRequest }),

  createUser: iam<CreateUserRequest, UserReply>('POST', 'users', 'create-user', 'iam:users:createUser', 'user', { dto: CreateUserRequest, status: 201, ...userChange('createUser', 'UserCreated') }),
  listUsers: iam<ListUsersRequest, UsersReply>('GET', 'users', 'list-users', 'iam:users:listUsers', 'user', { dto: ListUsersRequest }),
  showUser: iam<UserIdRequest, UserReply>('GET', 'users/:user_id', 'show-user', 'iam:users:getUser', 'user', { dto: UserIdRequest }),
  updateUser: iam<UpdateUserRequest, UserReply>('PATCH', 'users/:user_id', 'update-user', 'iam:users:updateUser', 'user', { dto: UpdateUserRequest, ...USER_UPDATE }),
  deleteUser: iam<UserIdRequest, NoContentReply>('DELETE', 'users/:user_id', 'delete-user', 'iam:users:deleteUser', 'user', { dto: UserIdRequest, status: NO_CONTENT, ...userChange('deleteUser', 'UserDeleted') }),
  listGroupsForUser: iam<UserIdRequest, GroupsReply>('GET', 'users/:user_id/groups', 'list-groups-for-user', 'iam:users:listGroupsForUser', 'user', { dto: UserIdRequest }),
  // A user changes their own password (the original one required); IAM refuses anyone else's.
  changeOwnPassword: iam<ChangeOwnPasswordRequest, NoContentReply>('POST', 'users/:user_id/password', 'change-own-password', 'iam:users:updateUserPassword', 'user', { dto: ChangeOwnPasswordRequest, ...SELF, status: NO_CONTENT, ...userChange('changePassword', 'UserPasswordChanged') }),
  osCreateUser: iam30<OsCreateUserRequest, OsUserReply>('POST', 'OS-USER/users', 'os-create-user', 'iam:users:createUser', 'user', { dto: OsCreateUserRequest, status: 201, ...userChange('createUser', 'UserCreated') }),
  osShowUser: iam30<UserIdRequest, OsUserReply>('GET', 'OS-USER/users/:user_id', 'os-show-user', 'iam:users:getUser', 'user', { dto: UserIdRequest }),
  osUpdateUser: iam30<OsUpdateUserRequest, OsUserReply>('PUT', 'OS-USER/users/:user_id', 'os-update-user', 'iam:users:updateUser', 'user', { dto: OsUpdateUserRequest, ...USER_UPDATE }),

  createGroup: iam<CreateGroupRequest, GroupReply>('POST', 'groups', 'create-group', 'iam:groups:createGroup', 'group', { dto: CreateGroupRequest, status: 201, ...groupChange('createGroup', 'GroupCreated') }),
  listGroups: iam<ListGroupsRequest, GroupsReply>('GET', 'groups', 'list-groups', 'iam:groups:listGroups', 'group', { dto: ListGroupsRequest }),
  showGroup: iam<GroupIdRequest, GroupReply>('GET', 'groups/:group_id', 'show-group', 'iam:groups:getGroup', 'group', { dto: GroupIdRequest }),
  updateGroup: iam<UpdateGroupRequest, GroupReply>('PATCH', 'groups/:group_id', 'update-group', 'iam:groups:updateGroup', 'group', { dto: UpdateGroupRequest, ...groupChange('updateGroup', 'GroupUpdated') }),
  deleteGroup: iam<GroupIdRequest, NoContentReply>('DELETE', 'groups/:group_id', 'delete-group', 'iam:groups:deleteGroup', 'group', { dto: GroupIdRequest, status: NO_CONTENT, ...groupChange('deleteGroup', 'GroupDeleted') }),
  listUsersForGroup: iam<GroupIdRequest, UsersReply>('GET', 'groups/:group_id/users', 'list-users-for-group', 'iam:groups:listUsersForGroup', 'group', { dto: GroupIdRequest }),
  addUserToGroup: iam<MembershipRequest, NoContentReply>('PUT', 'groups/:group_id/users/:user_id', 'add-user-to-group', 'iam:groups:addUserToGroup', 'group', { dto: MembershipRequest, status: NO_CONTENT, ...groupChange('addUserToGroup', 'UserAddedToGroup') }),
  checkUserInGroup: iam<MembershipRequest, NoContentReply>('HEAD', 'groups/:group_id/users/:user_id', 'check-user-in-group', 'iam:groups:checkUserInGroup', 'group', { dto: MembershipRequest, status: NO_CONTENT }),
  removeUserFromGroup: iam<MembershipRequest, NoContentReply>('DELETE', 'groups/:group_id/users/:user_id', 'remove-user-from-group', 'iam:groups:removeUserFromGroup', 'group', { dto: MembershipRequest, status: NO_CONTENT, ...groupChange('removeUserFromGroup', 'UserRemovedFromGroup') }),

  createPolicy: iam30<CreatePolicyRequest, CustomRoleReply>('POST', 'OS-ROLE/roles', 'create-policy', 'iam:roles:createRole', 'policy', { dto: CreatePolicyRequest, status: 201, ...policyChange('createPolicy', 'PolicyCreated') }),
  listPolicies: iam30<ListRolesRequest, CustomRolesReply>('GET', 'OS-ROLE/roles', 'list-policies', 'iam:roles:listRoles', 'policy', { dto: ListRolesRequest }),
  showPolicy: iam30<RoleIdRequest, ShownCustomRoleReply>('GET', 'OS-ROLE/roles/:role_id', 'show-policy', 'iam:roles:getRole', 'policy', { dto: RoleIdRequest }),
  updatePolicy: iam30<UpdatePolicyRequest, CustomRoleReply>('PATCH', 'OS-ROLE/roles/:role_id', 'update-policy', 'iam:roles:updateRole', 'policy', { dto: UpdatePolicyRequest, ...policyChange('updatePolicy', 'PolicyUpdated') }),
  deletePolicy: iam30<RoleIdRequest, DeletedRoleReply>('DELETE', 'OS-ROLE/roles/:role_id', 'delete-policy', 'iam:roles:deleteRole', 'policy', { dto: RoleIdRequest, ...policyChange('deletePolicy', 'PolicyDeleted') }),
  listPermissions: iam<ListRolesRequest, RolesReply>('GET', 'roles', 'list-permissions', 'iam:roles:listRoles', 'policy', { dto: ListRolesRequest }),
  showPermission: iam<RoleIdRequest, RoleReply>('GET', 'roles/:role_id', 'show-permission', 'iam:roles:getRole', 'policy', { dto: RoleIdRequest }),

  attachPolicyProject: onProject.attach,
  checkPolicyProject: onProject.check,
  detachPolicyProject: onProject.detach,
  listPoliciesProject: onProject.list,
  attachPolicyDomain: onDomain.attach,
  checkPolicyDomain: onDomain.check,
  detachPolicyDomain: onDomain.detach,
  listPoliciesDomain: onDomain.list,
  attachPolicyAllProjects: iam<AttachmentRequest, NoContentReply>('PUT', `${INHERITED}/:role_id/inherited_to_projects`, 'attach-policy-all-projects', 'iam:permissions:grantRoleToGroupOnAllProjects', 'policy', { dto: AttachmentRequest, status: NO_CONTENT, ...policyChange('attachPolicy', 'PolicyAttached') }),
  checkPolicyAllProjects: iam<AttachmentRequest, NoContentReply>('HEAD', `${INHERITED}/:role_id/inherited_to_projects`, 'check-policy-all-projects', 'iam:permissions:checkRoleForGroupOnAllProjects', 'policy', { dto: AttachmentRequest, status: NO_CONTENT }),
  detachPolicyAllProjects: iam<AttachmentRequest, NoContentReply>('DELETE', `${INHERITED}/:role_id/inherited_to_projects`, 'detach-policy-all-projects', 'iam:permissions:revokeRoleFromGroupOnAllProjects', 'policy', { dto: AttachmentRequest, status: NO_CONTENT, ...policyChange('detachPolicy', 'PolicyDetached') }),
  listPoliciesAllProjects: iam<AttachmentRequest, RolesReply>('GET', `${INHERITED}/inherited_to_projects`, 'list-policies-all-projects', 'iam:permissions:listRolesForGroupOnAllProjects', 'policy', { dto: AttachmentRequest }),
  listRoleAssignments: iam30<RoleAssignmentsRequest, RoleAssignmentsReply>('GET', 'OS-PERMISSION/role-assignments', 'list-role-assignments', 'iam:permissions:listRoleAssignments', 'policy', { dto: RoleAssignmentsRequest }),

  // Its answer is itself a credential: IAM accepts each signature of it once (docs/bus-security.md).
  createAccessKey: iam30<CreateCredentialRequest, CreatedAccessKeyReply>('POST', 'OS-CREDENTIAL/credentials', 'create-access-key', 'iam:credentials:createCredential', 'credential', {
    dto: CreateCredentialRequest,
    status: 201, ...keyChange('createAccessKey', 'AccessKeyCreated'), flags: { changesState: true, singleUseSignature: true },
  }),
  listAccessKeys: iam30<ListCredentialsRequest, AccessKeysReply>('GET', 'OS-CREDENTIAL/credentials', 'list-access-keys', 'iam:credentials:listCredentials', 'credential', { dto: ListCredentialsRequest }),
  showAccessKey: iam30<AccessKeyRequest, ShownAccessKeyReply>('GET', 'OS-CREDENTIAL/credentials/:access_key', 'show-access-key', 'iam:credentials:getCredential', 'credential', { dto: AccessKeyRequest }),
  updateAccessKey: iam30<UpdateCredentialRequest, AccessKeyReply>('PUT', 'OS-CREDENTIAL/credentials/:access_key', 'update-access-key', 'iam:credentials:updateCredential', 'credential', { dto: UpdateCredentialRequest, ...keyChange('updateAccessKey', 'AccessKeyStatusChanged', 'AccessKeyDescriptionChanged') }),
  deleteAccessKey: iam30<AccessKeyRequest, NoContentReply>('DELETE', 'OS-CREDENTIAL/credentials/:access_key', 'delete-access-key', 'iam:credentials:deleteCredential', 'credential', { dto: AccessKeyRequest, status: NO_CONTENT, ...keyChange('deleteAccessKey', 'AccessKeyDeleted') }),

  /** Signature or token check, with IAM's decision on the route's action in the same round trip. */
  // A single-use signature is marked seen in KV_IAM_SIGNATURES when it is checked.
  authenticate: op<AuthenticateRequest, AuthenticationReply>('authenticate', { dto: AuthenticateRequest, callers: ['gateway'], flags: { sideEffectsBeyondEvents: true } }),
  /** A policy decision for another service (kms grant issuance, csms envelope keys). */
  decide: op<DecideRequest, DecideReply>('decide', { dto: DecideRequest, callers: ['kms', 'csms', 'kps'] }),
  /** The first account and its administrator (`make run`); only the runner calls it. */
  bootstrap: op<BootstrapRequest, BootstrapReply>('bootstrap', {
    dto: BootstrapRequest,
    callers: ['runner'],
    trace: { name: 'createDomain', resourceType: 'domain', events: { DomainCreated: 'createDomain', ProjectCreated: { name: 'createProject', resourceType: 'project' } } },
    flags: { changesState: true },
  }),
} as const;

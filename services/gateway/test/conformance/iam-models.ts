/**
 * Response fields of each IAM operation DEW serves, as the SDK models of
 * huaweicloud-sdk-nodejs-v3 `services/iam/v3/model` declare them (release 3.1.209): field name,
 * JSON type, and for a field DEW may leave out or send as null, the reason.
 */
import type { FieldSpec, Model } from './walk.js';

const str: FieldSpec = { type: 'string' };
const int: FieldSpec = { type: 'integer' };
const bool: FieldSpec = { type: 'boolean' };
const obj = (fields: Model, extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'object', fields, ...extra });
const arr = (fields: Model): FieldSpec => ({ type: 'array', fields });
const omitted = (spec: FieldSpec, reason: string): FieldSpec => ({ ...spec, omitted: reason });

const KEYSTONE_PAGING = 'Keystone sends null when there is no previous / next page';
const NO_CONTACTS = 'DEW keeps no contact details or external identities (requests setting them are refused)';
const NO_HISTORY = 'DEW does not record logins or password times';

/** Links */
const links = obj({ self: str, previous: { ...str, nullable: KEYSTONE_PAGING }, next: { ...str, nullable: KEYSTONE_PAGING } });
/** LinksSelf */
const linksSelf = obj({ self: str });
const neverExpires = { ...str, nullable: 'null: the password never expires (DEW sets no password expiry)' };
const id = obj({ id: str });

/** KeystoneCreateUserResult / KeystoneUpdateUserByAdminResult (links: LinksSelf). */
const keystoneUser: Model = { id: str, name: str, domain_id: str, enabled: bool, password_expires_at: neverExpires, links: linksSelf, description: str, pwd_status: bool, last_project_id: str };
/** KeystoneListUsersResult / KeystoneShowUserResult / KeystoneUserResult. */
const keystoneUserDetail: Model = {
  ...keystoneUser,
  links,
  pwd_strength: omitted(str, 'a user without a password (programmatic access only) has no strength'),
  access_mode: str,
};

const osUserOptional = {
  email: omitted(str, NO_CONTACTS),
  areacode: omitted(str, NO_CONTACTS),
  phone: omitted(str, NO_CONTACTS),
  xuser_id: omitted(str, NO_CONTACTS),
  xuser_type: omitted(str, NO_CONTACTS),
  xdomain_id: omitted(str, NO_CONTACTS),
  xdomain_type: omitted(str, NO_CONTACTS),
};
/** CreateUserResult. */
const createUserResult: Model = {
  id: str, name: str, domain_id: str, enabled: bool, access_mode: str, pwd_status: bool, description: str, is_domain_owner: bool, create_time: str, default_project_id: str,
  status: omitted(int, 'DEW users have no frozen/unfrozen status beyond enabled'),
  password_expires_at: omitted(str, 'the password never expires (DEW sets no password expiry)'),
  ...osUserOptional,
};
/** UpdateUserResult. */
const updateUserResult: Model = {
  id: str, name: str, domain_id: str, enabled: bool, access_mode: str, pwd_status: bool, description: str, is_domain_owner: bool, create_time: str, links: linksSelf,
  password_expires_at: omitted(str, 'the password never expires (DEW sets no password expiry)'),
  ...osUserOptional,
};
/** ShowUserResult. */
const showUserResult: Model = {
  id: str, name: str, domain_id: str, enabled: bool, links, is_domain_owner: bool, access_mode: str, description: str, pwd_status: bool, pwd_strength: str, create_time: str, update_time: str,
  last_login_time: omitted(str, NO_HISTORY),
  last_pwd_auth_time: omitted(str, NO_HISTORY),
  pwd_create_time: omitted(str, NO_HISTORY),
  modify_pwd_time: omitted(str, NO_HISTORY),
  ...osUserOptional,
};

/** KeystoneGroupResult (links: Links) and KeystoneGroupResultWithLinksSelf. */
const group: Model = { id: str, name: str, domain_id: str, description: str, create_time: int, links: linksSelf };
const groupDetail: Model = { ...group, links };

/** ProjectResult (Links) and AuthProjectResult (LinksSelf). */
const project: Model = { id: str, name: str, domain_id: str, parent_id: str, enabled: bool, is_domain: bool, description: str, links };

const statement = { Action: { type: 'array', items: 'string' }, Effect: str } satisfies Model;
/** ServicePolicyRoleResult / ListPolicyRoleResult / ShowPolicyRoleResult: custom policies. */
const customPolicy: Model = {
  id: str, name: str, display_name: str, type: str, description: str, description_cn: str, catalog: str, domain_id: str, links: linksSelf, created_time: str, updated_time: str,
  policy: obj({ Version: str, Statement: arr(statement) }),
};
/** RoleResult: system policies (and custom ones when `domain_id` is given). */
const roleResult: Model = {
  id: str, name: str, type: str, display_name: str, catalog: str, description: str, description_cn: str, created_time: str, updated_time: str, links,
  domain_id: omitted(str, 'a system policy belongs to no account'),
  flag: omitted(str, 'only system policies are "fine_grained"; a custom policy carries no flag'),
  policy: obj({ Version: str, Statement: arr(statement), Depends: omitted({ type: 'array' }, 'DEW\'s system policies depend on no other policy') }),
};

const nameAndId = obj({ id: str, name: str });
/** TokenResult. */
const token: Model = {
  expires_at: str, issued_at: str,
  methods: { type: 'array', items: 'string' },
  catalog: arr({ id: str, type: str, name: str, endpoints: arr({ id: str, url: str, region: str, region_id: str, interface: str }) }),
  roles: arr({ id: str, name: str }),
  user: obj({ id: str, name: str, password_expires_at: str, domain: nameAndId }),
  project: omitted(obj({ id: str, name: str, domain: nameAndId }), 'present only in a project-scoped token'),
  domain: omitted(nameAndId, 'present only in a domain-scoped token'),
};

/** Credentials / CreateCredentialResult / ShowCredential / UpdateCredentialResult. */
const credential: Model = { user_id: str, access: str, status: str, create_time: str, description: str };

/** RoleAssignmentBody. */
const roleAssignment: Model = {
  role: id,
  group: id,
  user: omitted(id, 'DEW grants policies to groups only'),
  agency: omitted(id, 'DEW has no agencies'),
  scope: obj({ project: omitted(id, 'a domain-level assignment'), domain: omitted(id, 'a project-level assignment'), enterprise_project: omitted(id, 'DEW has no enterprise-project assignments') }),
  is_inherited: bool,
};

const roleList: Model = { roles: arr(roleResult), links };

/** Response model per operation (SDK `<Operation>Response`). */
export const IAM_RESPONSES = {
  KeystoneCreateUserTokenByPassword: { token: obj(token) },
  KeystoneValidateToken: { token: obj(token) },
  KeystoneListAuthDomains: { domains: arr({ id: str, name: str, enabled: bool, description: str, links: linksSelf }), links: linksSelf },
  KeystoneListAuthProjects: { projects: arr({ ...project, links: linksSelf }), links: linksSelf },
  KeystoneListProjects: { projects: arr(project), links },
  KeystoneShowProject: { project: obj(project) },
  KeystoneCreateUser: { user: obj(keystoneUser) },
  KeystoneListUsers: { users: arr(keystoneUserDetail), links },
  KeystoneShowUser: { user: obj(keystoneUserDetail) },
  KeystoneUpdateUserByAdmin: { user: obj(keystoneUser) },
  KeystoneListGroupsForUser: { groups: arr(groupDetail), links },
  CreateUser: { user: obj(createUserResult) },
  ShowUser: { user: obj(showUserResult) },
  UpdateUser: { user: obj(updateUserResult) },
  KeystoneCreateGroup: { group: obj(group) },
  KeystoneListGroups: { groups: arr(groupDetail), links },
  KeystoneShowGroup: { group: obj(groupDetail) },
  KeystoneUpdateGroup: { group: obj(group) },
  KeystoneListUsersForGroupByAdmin: { users: arr(keystoneUserDetail), links },
  CreateCloudServiceCustomPolicy: { role: obj(customPolicy) },
  ListCustomPolicies: { roles: arr(customPolicy), links, total_number: int },
  ShowCustomPolicy: { role: obj({ ...customPolicy, references: int }) },
  UpdateCloudServiceCustomPolicy: { role: obj(customPolicy) },
  DeleteCustomPolicy: { message: str },
  KeystoneListPermissions: { ...roleList, total_number: omitted(int, 'sent only when domain_id is given') },
  KeystoneShowPermission: { role: obj(roleResult) },
  KeystoneListProjectPermissionsForGroup: roleList,
  KeystoneListDomainPermissionsForGroup: roleList,
  KeystoneListAllProjectPermissionsForGroup: { roles: arr({ ...roleResult, domain_id: omitted(str, 'InheritedRoleResult declares no domain_id') }), links },
  ShowDomainRoleAssignments: { role_assignments: arr(roleAssignment), total_num: int },
  CreatePermanentAccessKey: { credential: obj({ ...credential, secret: str }) },
  ListPermanentAccessKeys: { credentials: arr(credential) },
  ShowPermanentAccessKey: { credential: obj({ ...credential, last_use_time: str }) },
  UpdatePermanentAccessKey: { credential: obj(credential) },
} as const satisfies Record<string, Model>;

export type IamOperation = keyof typeof IAM_RESPONSES;

import type { Instant } from '@dew/decider';
import {
  SYSTEM_POLICIES_DEFINED_AT,
  type AccessKeyInfo,
  listProjects,
  passwordStrengthLabel,
  type ActiveAccount,
  type CustomPolicy,
  type Group,
  type Project,
  type SystemPolicy,
  type User,
} from '@dew/iam-domain';

/**
 * Huawei IAM v3 shapes. Links are written as paths; the gateway, which knows the
 * address the caller used, turns them into absolute URLs as Keystone sends them.
 */
const links = (self: string) => ({ self, previous: null, next: null });

/** The domain's region project: what DEW reports as a user's last and default project. */
const regionProjectId = (state: ActiveAccount) => listProjects(state)[0]?.id ?? '';

/** `2023-06-28T08:56:33.710Z`: how IAM's Keystone routes and access keys render an instant. */
export const isoTime = (instant: Instant) => new Date(instant).toISOString();

/** `2023-06-28T08:56:33.710000`: the OS-USER routes' time format (UTC, microseconds, no zone). */
const osUserTime = (instant: Instant) => isoTime(instant).replace(/\.(\d{3})Z$/, '.$1000');

/** Every user may use both the console (password) and programmatic (AK/SK) access. */
export const ACCESS_MODE = 'default';

/** KeystoneListUsersResult / KeystoneShowUserResult (a superset of the create and update results). */
export const userView = (u: User, state: ActiveAccount) => ({
  id: u.id,
  name: u.name,
  domain_id: u.domainId,
  enabled: u.enabled,
  description: u.description,
  password_expires_at: null,
  pwd_status: false,
  ...(u.passwordStrength !== null ? { pwd_strength: u.passwordStrength } : {}),
  access_mode: ACCESS_MODE,
  last_project_id: regionProjectId(state),
  is_domain_owner: u.isDomainAdmin,
  create_time: isoTime(u.createdAt),
  links: links(`/v3/users/${u.id}`),
});

/** ShowUserResult (and a superset of CreateUserResult / UpdateUserResult) of `/v3.0/OS-USER/users`. */
export const osUserView = (u: User, state: ActiveAccount) => ({
  id: u.id,
  name: u.name,
  domain_id: u.domainId,
  enabled: u.enabled,
  description: u.description,
  access_mode: ACCESS_MODE,
  pwd_status: false,
  pwd_strength: passwordStrengthLabel(u.passwordStrength),
  is_domain_owner: u.isDomainAdmin,
  default_project_id: regionProjectId(state),
  create_time: osUserTime(u.createdAt),
  update_time: osUserTime(u.updatedAt),
  links: links(`/v3.0/OS-USER/users/${u.id}`),
});

export const groupView = (g: Group, domainId: string) => ({
  id: g.id,
  name: g.name,
  domain_id: domainId,
  description: g.description,
  create_time: g.createdAt,
  links: links(`/v3/groups/${g.id}`),
});

export const projectView = (p: Project) => ({
  id: p.id,
  name: p.name,
  domain_id: p.domainId,
  parent_id: p.parentId,
  enabled: true,
  is_domain: false,
  description: '',
  links: links(`/v3/projects/${p.id}`),
});

export const domainView = (a: ActiveAccount) => ({
  id: a.domainId,
  name: a.name,
  enabled: true,
  description: '',
  links: links(`/v3/domains/${a.domainId}`),
});

export const customPolicyView = (p: CustomPolicy, domainId: string) => ({
  id: p.id,
  name: `custom_${p.id}`,
  display_name: p.displayName,
  type: p.policyType,
  description: p.description,
  description_cn: p.descriptionCn,
  catalog: 'CUSTOMED',
  domain_id: domainId,
  policy: p.document,
  created_time: String(p.createdAt),
  updated_time: String(p.updatedAt),
  links: links(`/v3.0/OS-ROLE/roles/${p.id}`),
});

/** RoleResult of a built-in policy (no domain_id: it belongs to no account). */
export const systemPolicyView = (p: SystemPolicy) => ({
  id: p.id,
  name: p.name,
  display_name: p.displayName,
  type: p.type,
  catalog: p.catalog,
  description: p.description,
  description_cn: p.descriptionCn,
  flag: 'fine_grained',
  policy: p.document,
  created_time: SYSTEM_POLICIES_DEFINED_AT,
  updated_time: SYSTEM_POLICIES_DEFINED_AT,
  links: links(`/v3/roles/${p.id}`),
});

export const listLinks = (self: string) => links(self);

/** A permanent access key as `/v3.0/OS-CREDENTIAL/credentials` shows it (never its SK). */
export const accessKeyView = (k: AccessKeyInfo) => ({ user_id: k.userId, access: k.accessKey, status: k.status, create_time: isoTime(k.createdAt), description: k.description });

import type { ActiveAccount, CustomPolicy, Group, Project, User } from '@dew/iam-domain';

/** Huawei IAM v3 shapes (API.md §7); links are paths relative to the gateway. */
const links = (self: string) => ({ self, previous: null, next: null });

export const userView = (u: User) => ({
  id: u.id,
  name: u.name,
  domain_id: u.domainId,
  enabled: u.enabled,
  description: u.description,
  password_expires_at: null,
  pwd_status: false,
  is_domain_owner: u.isDomainAdmin,
  create_time: u.createdAt,
  links: links(`/v3/users/${u.id}`),
});

export const groupView = (g: Group, domainId: string) => ({
  id: g.id,
  name: g.name,
  domain_id: domainId,
  description: g.description,
  create_time: Date.parse(g.createdAt),
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
  catalog: 'CUSTOMED',
  domain_id: domainId,
  policy: p.document,
  created_time: String(Date.parse(p.createdAt)),
  updated_time: String(Date.parse(p.updatedAt)),
  links: { self: `/v3.0/OS-ROLE/roles/${p.id}` },
});

export const listLinks = (self: string) => links(self);

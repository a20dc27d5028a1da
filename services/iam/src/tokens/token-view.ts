import { effectivePolicies, findProject, findSystemPolicy, type ActiveAccount, type User } from '@dew/iam-domain';
import type { TokenClaims } from './token.service.js';

/**
 * The services the gateway serves, with the path each is reached under; the gateway makes the
 * URLs absolute (the address the caller used), like every link of an IAM answer.
 */
const CATALOG = [
  { type: 'iam', name: 'iam', path: '/v3' },
  { type: 'kms', name: 'kms', path: '/v1.0' },
  { type: 'csms', name: 'csms', path: '/v1' },
  { type: 'kps', name: 'kps', path: '/v3' },
  { type: 'cts', name: 'cts', path: '/v3' },
] as const;

/** Stable ids (32 hex) per service and per (service, region) endpoint, as Keystone lists them. */
const catalogId = (name: string, salt: string) => (Buffer.from(`${name}:${salt}`).toString('hex') + '0'.repeat(32)).slice(0, 32);

function catalog(region: string) {
  return CATALOG.map(({ type, name, path }) => ({
    id: catalogId(name, 'service'),
    type,
    name,
    endpoints: [{ id: catalogId(name, region), url: path, region, region_id: region, interface: 'public' }],
  }));
}

/**
 * The policies the user holds where the token is scoped (its project, or the domain), by their
 * internal names; like the cloud, a token shows no role id ("0").
 */
function roles(account: ActiveAccount, user: User, projectId: string | undefined) {
  return effectivePolicies(account, user.id, projectId).map((p) => ({ id: '0', name: findSystemPolicy(p.id)?.name ?? `custom_${p.id}` }));
}

/** Token: `catalog` unless `nocatalog` was given. */
export function tokenView(account: ActiveAccount, user: User, claims: TokenClaims, opts: { readonly withCatalog: boolean; readonly region: string }) {
  const domain = { id: account.domainId, name: account.name };
  const project = claims.projectId ? findProject(account, claims.projectId) : null;
  return {
    expires_at: new Date(claims.expiresAt).toISOString(),
    issued_at: new Date(claims.issuedAt).toISOString(),
    methods: claims.methods,
    ...(opts.withCatalog ? { catalog: catalog(opts.region) } : {}),
    roles: roles(account, user, project?.id),
    user: { id: user.id, name: user.name, password_expires_at: '', domain },
    ...(project ? { project: { id: project.id, name: project.name, domain } } : { domain }),
  };
}

/** A token's holder, account and claims: what its view is rendered from. */
export interface TokenSubject {
  readonly account: ActiveAccount;
  readonly user: User;
  readonly claims: TokenClaims;
}

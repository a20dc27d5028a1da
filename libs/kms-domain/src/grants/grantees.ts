import type { Grant } from '../state/keyring.state.js';

/** Who is calling, as the service authenticated them. */
export interface GrantCaller {
  readonly userId: string;
  readonly domainId: string;
}

/** The grant names `caller` as its grantee (user id for user grants, domain id for domain grants). */
export function isGrantee(g: Grant, caller: GrantCaller): boolean {
  return g.granteePrincipalType === 'user' ? g.granteePrincipal === caller.userId : g.granteePrincipal === caller.domainId;
}

/** The grant names `caller` (user or domain) as its retiring principal. */
export function isRetiringPrincipal(g: Grant, caller: GrantCaller): boolean {
  return namesRetiringPrincipal(g) && (g.retiringPrincipal === caller.userId || g.retiringPrincipal === caller.domainId);
}

export function namesRetiringPrincipal(g: Grant): boolean {
  return g.retiringPrincipal !== null && g.retiringPrincipal !== '';
}

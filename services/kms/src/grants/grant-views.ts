import { integerField, type GrantPageRequest } from '@dew/contracts';
import type { Grant } from '@dew/kms-domain';

/** A grant on the wire. */
export const grantView = (g: Grant) => ({
  key_id: g.keyId,
  grant_id: g.grantId,
  grantee_principal: g.granteePrincipal,
  grantee_principal_type: g.granteePrincipalType,
  operations: g.operations,
  issuing_principal: g.issuingPrincipal,
  creation_date: String(g.createdAt),
  name: g.name,
  retiring_principal: g.retiringPrincipal ?? '',
});

/** The page a grant list asks for: 100 from the start unless it says otherwise. */
export function grantPage(req: GrantPageRequest): { limit: number; marker: number } {
  return {
    limit: req.limit === undefined ? 100 : integerField('limit', req.limit, 'KMS.1601'),
    marker: req.marker === undefined || req.marker === '' ? 0 : integerField('marker', req.marker, 'KMS.1602'),
  };
}

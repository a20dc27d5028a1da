import type { ListSecretsRequest } from '@dew/contracts';

/** `limit` (a numeric string) and `marker` of a list request as the domain's page query. */
export const pageQuery = (r: ListSecretsRequest): { limit?: number; marker?: string } => ({
  ...(r.limit !== undefined ? { limit: Number(r.limit) } : {}),
  ...(r.marker ? { marker: r.marker } : {}),
});

import type { ListSecretsRequest, SecretPageInfo } from '@dew/contracts';
import type { Page } from '@dew/csms-domain';

/** `limit` (a numeric string) and `marker` of a list request as the domain's page query. */
export const pageQuery = (r: ListSecretsRequest): { limit?: number; marker?: string } => ({
  ...(r.limit !== undefined ? { limit: Number(r.limit) } : {}),
  ...(r.marker ? { marker: r.marker } : {}),
});

/** The SDK's `PageInfo` of a page (DEW pages forward only). */
export const pageInfo = (page: Page<unknown>): SecretPageInfo => ({ next_marker: page.nextMarker, previous_marker: null, current_count: page.items.length });

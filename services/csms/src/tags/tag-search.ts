import type { ListSecretsByTagsRequest } from '@dew/contracts';
import { findSecretsByTags, type SecretSet } from '@dew/csms-domain';
import { secretView } from '../secrets/views.js';
import { tagSearchAction } from './tag-actions.js';

/** A count searches the whole match (up to the search's maximum page). */
const COUNT_LIMIT = 1000;
const PAGE_LIMIT_DEFAULT = 10;

/** The answer to `resource_instances/action`: the matching secrets' page, or only their number. */
export function secretsByTags(set: SecretSet, r: ListSecretsByTagsRequest) {
  const action = tagSearchAction(r.action);
  const limit = action === 'count' ? COUNT_LIMIT : Number(r.limit ?? PAGE_LIMIT_DEFAULT);
  const found = findSecretsByTags(set, { tags: r.tags ?? [], offset: Number(r.offset ?? '0'), limit });
  if (action === 'count') return { total_count: found.total };
  return { resources: found.secrets.map((s) => ({ resource_id: s.id, resource_detail: secretView(set, s), resource_name: s.name, tags: s.tags, sys_tags: [] })), total_count: found.total };
}

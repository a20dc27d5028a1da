import {
  ListLimitOutOfRange,
  TagKeyDuplicated,
  TagMatchKeyInvalid,
  TagSearchOffsetInvalid,
  TooManyTags,
  collectTags,
  matchesTags,
  quote,
  type ResourceNameMatch,
  type TagSearchQuery,
  type TagValuesFilter,
} from '@dew/contracts';
import { validateTag } from '../rules.js';
import type { Keyring, LiveCmk } from '../state/keyring.state.js';
import { LIST_LIMIT_MAX, byCreation } from '../state/list-keys.js';
import { activeKeys } from '../state/queries.js';

/** The project-wide tag queries. */

export const TAG_SEARCH_LIMIT_DEFAULT = 10;
export const TAG_SEARCH_TAGS_MAX = 20;

export interface ProjectTag {
  readonly key: string;
  readonly values: readonly string[];
}

/** GET `tags`: every tag key of the project's live non-default keys with its distinct values, sorted. */
export function projectTags(state: Keyring): ProjectTag[] {
  return collectTags(activeKeys(state).filter((k) => !k.isDefault).map((k) => k.tags));
}

export type TagFilter = TagValuesFilter;
/** `resource_name` matches the alias (substring). */
export type TagMatch = ResourceNameMatch;
export type FindByTagsQuery = TagSearchQuery;
export interface FindByTagsResult {
  readonly keys: readonly LiveCmk[];
  /** All matching keys, every page together (the `count` action's answer). */
  readonly total: number;
}

function validateFilters(tags: readonly TagFilter[]): readonly TagFilter[] {
  if (tags.length > TAG_SEARCH_TAGS_MAX) {
    throw TooManyTags(`at most ${TAG_SEARCH_TAGS_MAX} tags per search, got ${tags.length}`);
  }
  const seen = new Set<string>();
  return tags.map((f, i) => {
    const key = validateTag({ key: f.key }, `tags[${i}]`).key;
    if (seen.has(key)) throw TagKeyDuplicated(`tags[${i}].key ${quote(key)} appears twice`);
    seen.add(key);
    f.values.forEach((value, j) => validateTag({ key, value }, `tags[${i}].values[${j}]`));
    return f;
  });
}

function validateMatches(matches: readonly TagMatch[]): string[] {
  return matches.map((m, i) => {
    if (m.key !== 'resource_name') {
      throw TagMatchKeyInvalid(i, m.key);
    }
    return m.value;
  });
}

/**
 * resource_instances/action: live non-default keys carrying every filtered tag key (AND) with
 * one of its values (any-of; no values → any), whose alias contains every match value;
 * creation order.
 */
export function findByTags(state: Keyring, query: FindByTagsQuery): FindByTagsResult {
  const filters = validateFilters(query.tags ?? []);
  const names = validateMatches(query.matches ?? []);
  const offset = query.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) {
    throw TagSearchOffsetInvalid(offset);
  }
  const limit = query.limit ?? TAG_SEARCH_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) throw ListLimitOutOfRange(LIST_LIMIT_MAX, limit);
  const matching = activeKeys(state)
    .filter((k) => !k.isDefault && matchesTags(k.tags, k.alias, filters, names))
    .sort(byCreation);
  return { keys: matching.slice(offset, offset + limit), total: matching.length };
}

import { InvalidField, RepeatedTagFilter, TooManyTagFilters, collectTags, matchesTags, quote, type ResourceNameMatch, type TagSearchQuery, type TagValuesFilter } from '@dew/contracts';
import { validateSecretTag } from '../rules/tag-fields.js';
import { activeSecrets } from '../state/queries.js';
import type { Secret, SecretSet } from '../state/secret-set.js';

/** The project-wide tag queries. */

export const TAG_SEARCH_TAGS_MAX = 10;
export const TAG_SEARCH_VALUES_MAX = 10;
export const TAG_SEARCH_LIMIT_DEFAULT = 10;
export const TAG_SEARCH_LIMIT_MAX = 1000;

export interface ProjectSecretTag {
  readonly key: string;
  readonly values: readonly string[];
}

/** GET `csms/tags`: every tag key of the project's non-deleted secrets with its distinct values, sorted. */
export function projectSecretTags(state: SecretSet): ProjectSecretTag[] {
  return collectTags(activeSecrets(state).map((s) => s.tags));
}

export type SecretTagFilter = TagValuesFilter;
/** `resource_name` matches the secret name (substring). */
export type SecretTagMatch = ResourceNameMatch;
export type FindSecretsByTagsQuery = TagSearchQuery;
export interface FindSecretsByTagsResult {
  readonly secrets: readonly Secret[];
  /** All matching secrets, every page together (the `count` action's answer). */
  readonly total: number;
}

function validateFilters(tags: readonly SecretTagFilter[]): readonly SecretTagFilter[] {
  if (!Array.isArray(tags)) throw InvalidField('tags', 'be an array');
  if (tags.length > TAG_SEARCH_TAGS_MAX) throw TooManyTagFilters(TAG_SEARCH_TAGS_MAX, tags.length);
  const seen = new Set<string>();
  return tags.map((f, i) => {
    const key = validateSecretTag({ key: f.key }, `tags[${i}]`).key;
    if (seen.has(key)) throw RepeatedTagFilter(i, key);
    seen.add(key);
    const values = f.values ?? [];
    if (!Array.isArray(values) || values.length > TAG_SEARCH_VALUES_MAX) {
      throw InvalidField(`tags[${i}].values`, `hold at most ${TAG_SEARCH_VALUES_MAX} values`);
    }
    values.forEach((value, j) => validateSecretTag({ key, value }, `tags[${i}].values[${j}]`));
    return { key, values };
  });
}

function validateMatches(matches: readonly SecretTagMatch[]): string[] {
  return matches.map((m, i) => {
    if (m.key !== 'resource_name') throw InvalidField(`matches[${i}].key`, 'be resource_name', quote(m.key));
    return m.value;
  });
}

/**
 * resource_instances/action: non-deleted secrets carrying every filtered tag key (AND) with one
 * of its values (any-of; no values → any), whose name contains every match value; creation order.
 */
export function findSecretsByTags(state: SecretSet, query: FindSecretsByTagsQuery): FindSecretsByTagsResult {
  const filters = validateFilters(query.tags ?? []);
  const names = validateMatches(query.matches ?? []);
  const offset = query.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw InvalidField('offset', 'be an integer of at least 0', quote(offset));
  const limit = query.limit ?? TAG_SEARCH_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > TAG_SEARCH_LIMIT_MAX) {
    throw InvalidField('limit', `be an integer 1..${TAG_SEARCH_LIMIT_MAX}`, quote(limit));
  }
  const matching = activeSecrets(state).filter((s) => matchesTags(s.tags, s.name, filters, names));
  return { secrets: matching.slice(offset, offset + limit), total: matching.length };
}

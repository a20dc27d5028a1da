/** Tag search shared by every taggable resource (KMS keys, secrets): pure matching only. */
export interface ResourceTag {
  readonly key: string;
  readonly value: string;
}

export interface TagValuesFilter {
  readonly key: string;
  /** Any of these values; empty → the key with any value. */
  readonly values: readonly string[];
}

/** GET `tags`: every tag key of the resources with its distinct values, both sorted. */
export function collectTags(tagLists: Iterable<readonly ResourceTag[]>): { key: string; values: string[] }[] {
  const byKey = new Map<string, Set<string>>();
  for (const tags of tagLists) {
    for (const t of tags) {
      const values = byKey.get(t.key) ?? new Set<string>();
      values.add(t.value);
      byKey.set(t.key, values);
    }
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, values]) => ({ key, values: [...values].sort() }));
}

/** AND over the filtered keys, any-of over each key's values; the name contains every match. */
export function matchesTags(tags: readonly ResourceTag[], name: string, filters: readonly TagValuesFilter[], names: readonly string[]): boolean {
  const byKey = new Map(tags.map((t) => [t.key, t.value]));
  return (
    filters.every((f) => {
      const v = byKey.get(f.key);
      return v !== undefined && (f.values.length === 0 || f.values.includes(v));
    }) && names.every((n) => name.includes(n))
  );
}

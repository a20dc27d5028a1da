/** Tags shared by every taggable resource (KMS keys, secrets): changes and searches, pure. */
export interface ResourceTag {
  readonly key: string;
  readonly value: string;
}

export interface TagValuesFilter {
  readonly key: string;
  /** Any of these values; empty → the key with any value. */
  readonly values: readonly string[];
}

/** A `matches` entry of a tag search: only `resource_name`, a substring of the resource's name. */
export interface ResourceNameMatch {
  readonly key: string;
  readonly value: string;
}

/** A `resource_instances/action` search of KMS keys or secrets, before paging. */
export interface TagSearchQuery {
  readonly tags?: readonly TagValuesFilter[];
  readonly matches?: readonly ResourceNameMatch[];
  /** ≥ 0, default 0. */
  readonly offset?: number;
  /** 1..1000, default 10. */
  readonly limit?: number;
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

/** A resource's tags after a change: removed keys go; set tags update in place (one value per key) or are appended, in order. */
export function applyTagChange<T extends { readonly key: string }>(tags: readonly T[], set: readonly T[], removed: readonly string[]): readonly T[] {
  const gone = new Set(removed);
  const out = tags.filter((t) => !gone.has(t.key));
  for (const t of set) {
    const i = out.findIndex((o) => o.key === t.key);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

export { assertNever } from '@dew/decider';
/**
 * Indexes of an account state: persistent maps of persistent maps (docs/architecture.md, "Event
 * sourcing on JetStream"); one change sets one path, never copies an index.
 */
import { PersistentMap } from '@dew/decider';

/** `index` with `inner` under `outer` bound to `value`. */
export function withIndexed<V>(index: PersistentMap<PersistentMap<V>>, outer: string, inner: string, value: V): PersistentMap<PersistentMap<V>> {
  return index.set(outer, (index.get(outer) ?? PersistentMap.empty<V>()).set(inner, value));
}

/** `index` without `inner` under `outer`; an `outer` left empty leaves the index. */
export function withoutIndexed<V>(index: PersistentMap<PersistentMap<V>>, outer: string, inner: string): PersistentMap<PersistentMap<V>> {
  const entries = index.get(outer);
  if (entries === undefined || !entries.has(inner)) return index;
  const rest = entries.delete(inner);
  return rest.size === 0 ? index.delete(outer) : index.set(outer, rest);
}

/** `names` after `id` changed its name from `before` to `after` (a name held by another id stays). */
export function renamed(names: PersistentMap<string>, id: string, before: string | undefined, after: string): PersistentMap<string> {
  const freed = before !== undefined && before !== after && names.get(before) === id ? names.delete(before) : names;
  return freed.set(after, id);
}

/** `names` without `name` when it names `id`. */
export function unnamed(names: PersistentMap<string>, id: string, name: string): PersistentMap<string> {
  return names.get(name) === id ? names.delete(name) : names;
}

/** The inner keys under `outer`, unordered. */
export function indexed<V>(index: PersistentMap<PersistentMap<V>>, outer: string): readonly string[] {
  const entries = index.get(outer);
  return entries === undefined ? [] : [...entries.keys()];
}

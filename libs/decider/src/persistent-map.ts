/**
 * An immutable string-keyed map with path-copying updates (a small hash array mapped trie).
 * Why: an aggregate's evolve runs once per event during catch-up and a map may hold thousands
 * of entries (KMS keys, CSMS secrets); copying a whole Map per event would make a
 * replay quadratic. `set`/`delete` copy one path of ≤7 nodes of ≤32 slots; the old map is
 * left untouched, so earlier states stay valid.
 * Iteration order is hash order, not insertion order: callers that need an order sort.
 */
const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
const LEAF_MAX = 8;
/** Branches use hash bits [depth*5, depth*5+5); at MAX_DEPTH a leaf takes every collision. */
const MAX_DEPTH = 6;

interface Entry<V> {
  readonly key: string;
  readonly value: V;
  readonly hash: number;
}
interface Leaf<V> {
  readonly leaf: true;
  readonly entries: readonly Entry<V>[];
}
interface Branch<V> {
  readonly leaf: false;
  readonly slots: readonly (Node<V> | undefined)[];
}
type Node<V> = Leaf<V> | Branch<V>;

/** FNV-1a over UTF-16 code units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const slotOf = (hash: number, depth: number): number => (hash >>> (depth * BITS)) & MASK;

function build<V>(entries: readonly Entry<V>[], depth: number): Node<V> {
  if (entries.length <= LEAF_MAX || depth >= MAX_DEPTH) return { leaf: true, entries };
  const buckets: Entry<V>[][] = Array.from({ length: WIDTH }, () => []);
  for (const e of entries) buckets[slotOf(e.hash, depth)]?.push(e);
  return { leaf: false, slots: buckets.map((b) => (b.length > 0 ? build(b, depth + 1) : undefined)) };
}

function lookup<V>(node: Node<V>, key: string, hash: number, depth: number): Entry<V> | undefined {
  let n: Node<V> | undefined = node;
  let d = depth;
  while (n && !n.leaf) {
    n = n.slots[slotOf(hash, d)];
    d++;
  }
  return n?.entries.find((e) => e.key === key);
}

function insert<V>(node: Node<V>, entry: Entry<V>, depth: number): Node<V> {
  if (node.leaf) {
    const i = node.entries.findIndex((e) => e.key === entry.key);
    if (i >= 0) return { leaf: true, entries: node.entries.map((e, j) => (j === i ? entry : e)) };
    return build([...node.entries, entry], depth);
  }
  const s = slotOf(entry.hash, depth);
  const child = node.slots[s] ?? { leaf: true, entries: [] };
  const slots = node.slots.slice();
  slots[s] = insert(child, entry, depth + 1);
  return { leaf: false, slots };
}

function remove<V>(node: Node<V>, key: string, hash: number, depth: number): Node<V> {
  if (node.leaf) return { leaf: true, entries: node.entries.filter((e) => e.key !== key) };
  const s = slotOf(hash, depth);
  const child = node.slots[s];
  if (!child) return node;
  const next = remove(child, key, hash, depth + 1);
  const slots = node.slots.slice();
  slots[s] = next.leaf && next.entries.length === 0 ? undefined : next;
  return { leaf: false, slots };
}

function* walk<V>(node: Node<V> | undefined): Generator<Entry<V>, undefined, unknown> {
  if (!node) return undefined;
  if (node.leaf) yield* node.entries;
  else for (const child of node.slots) yield* walk(child);
  return undefined;
}

export class PersistentMap<V> implements ReadonlyMap<string, V> {
  private static readonly EMPTY = new PersistentMap<never>({ leaf: true, entries: [] }, 0);

  private constructor(private readonly root: Node<V>, readonly size: number) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY;
  }

  static from<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [k, v] of entries) map = map.set(k, v);
    return map;
  }

  get(key: string): V | undefined {
    return lookup(this.root, key, hashOf(key), 0)?.value;
  }

  has(key: string): boolean {
    return lookup(this.root, key, hashOf(key), 0) !== undefined;
  }

  /** A new map with `key` bound to `value`; this map is unchanged. */
  set(key: string, value: V): PersistentMap<V> {
    const hash = hashOf(key);
    const existed = lookup(this.root, key, hash, 0);
    if (existed && existed.value === value) return this;
    return new PersistentMap(insert(this.root, { key, value, hash }, 0), this.size + (existed ? 0 : 1));
  }

  /** A new map without `key`; this map is unchanged. */
  delete(key: string): PersistentMap<V> {
    const hash = hashOf(key);
    if (!lookup(this.root, key, hash, 0)) return this;
    return new PersistentMap(remove(this.root, key, hash, 0), this.size - 1);
  }

  *entries(): MapIterator<[string, V]> {
    for (const e of walk(this.root)) yield [e.key, e.value];
    return undefined;
  }

  *keys(): MapIterator<string> {
    for (const e of walk(this.root)) yield e.key;
    return undefined;
  }

  *values(): MapIterator<V> {
    for (const e of walk(this.root)) yield e.value;
    return undefined;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const e of walk(this.root)) callback.call(thisArg, e.value, e.key, this);
  }
}

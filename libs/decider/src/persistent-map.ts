/**
 * An immutable string-keyed map with path-copying updates (a small hash array mapped trie).
 * Why: an aggregate's evolve runs once per event during catch-up and a map may hold thousands
 * of entries (KMS keys, CSMS secrets); copying a whole Map per event would make a
 * replay quadratic. `set`/`delete` copy one path of ≤7 nodes of ≤32 slots; the old map is
 * left untouched, so earlier states stay valid.
 * Callers choose many keys (aliases, secret names), so the hash is seeded per process: nobody
 * outside knows which names collide. Keys that still share a hash sit in a leaf kept sorted by
 * key, so even a map whose keys all collide finds a key in O(log n) comparisons, never a scan.
 * Iteration order is hash order, which differs between processes: callers that need an order
 * sort, and `toJSON` (what read-model digests see) lists the entries sorted by key.
 */
const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
const LEAF_MAX = 8;
/** Branches use hash bits [depth*5, depth*5+5); at MAX_DEPTH a leaf takes every collision. */
const MAX_DEPTH = 6;

/** How a map hashes and orders its keys; only tests that plant collisions choose another than the default. */
export interface KeyHashing {
  hash(key: string): number;
  compare(a: string, b: string): number;
}

interface Entry<V> {
  readonly key: string;
  readonly value: V;
  readonly hash: number;
}
/** Entries sorted by key (`KeyHashing.compare`). */
interface Leaf<V> {
  readonly leaf: true;
  readonly entries: readonly Entry<V>[];
}
interface Branch<V> {
  readonly leaf: false;
  readonly slots: readonly (Node<V> | undefined)[];
}
type Node<V> = Leaf<V> | Branch<V>;

/** FNV-1a over UTF-16 code units from a seeded offset basis, then murmur3's finaliser so every bit of the state moves every slot. */
export function seededHash(seed: number): (key: string) => number {
  const basis = (0x811c9dc5 ^ seed) >>> 0;
  return (key) => {
    let h = basis;
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  };
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One seed per process, drawn at load; replays and read-model digests never depend on it (see `toJSON`). */
const DEFAULT_HASHING: KeyHashing = { hash: seededHash(globalThis.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0), compare: byCodeUnits };

const slotOf = (hash: number, depth: number): number => (hash >>> (depth * BITS)) & MASK;

/** Where `key` is in a sorted leaf (`found`), or where it would go. */
function search<V>(entries: readonly Entry<V>[], key: string, compare: KeyHashing['compare']): { at: number; found: boolean } {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare(entries[mid]!.key, key);
    if (c === 0) return { at: mid, found: true };
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return { at: lo, found: false };
}

/** Splits a sorted leaf by hash slot; each bucket keeps the order. */
function build<V>(entries: readonly Entry<V>[], depth: number): Node<V> {
  if (entries.length <= LEAF_MAX || depth >= MAX_DEPTH) return { leaf: true, entries };
  const buckets: Entry<V>[][] = Array.from({ length: WIDTH }, () => []);
  for (const e of entries) buckets[slotOf(e.hash, depth)]?.push(e);
  return { leaf: false, slots: buckets.map((b) => (b.length > 0 ? build(b, depth + 1) : undefined)) };
}

function leafOf<V>(node: Node<V>, hash: number): Leaf<V> | undefined {
  let n: Node<V> | undefined = node;
  let d = 0;
  while (n && !n.leaf) {
    n = n.slots[slotOf(hash, d)];
    d++;
  }
  return n;
}

function lookup<V>(node: Node<V>, key: string, hash: number, compare: KeyHashing['compare']): Entry<V> | undefined {
  const leaf = leafOf(node, hash);
  if (!leaf) return undefined;
  const { at, found } = search(leaf.entries, key, compare);
  return found ? leaf.entries[at] : undefined;
}

function insert<V>(node: Node<V>, entry: Entry<V>, depth: number, compare: KeyHashing['compare']): Node<V> {
  if (node.leaf) {
    const { at, found } = search(node.entries, entry.key, compare);
    const entries = node.entries.slice();
    entries.splice(at, found ? 1 : 0, entry);
    return found ? { leaf: true, entries } : build(entries, depth);
  }
  const s = slotOf(entry.hash, depth);
  const child = node.slots[s] ?? { leaf: true, entries: [] };
  const slots = node.slots.slice();
  slots[s] = insert(child, entry, depth + 1, compare);
  return { leaf: false, slots };
}

function remove<V>(node: Node<V>, key: string, hash: number, depth: number, compare: KeyHashing['compare']): Node<V> {
  if (node.leaf) {
    const { at, found } = search(node.entries, key, compare);
    if (!found) return node;
    const entries = node.entries.slice();
    entries.splice(at, 1);
    return { leaf: true, entries };
  }
  const s = slotOf(hash, depth);
  const child = node.slots[s];
  if (!child) return node;
  const next = remove(child, key, hash, depth + 1, compare);
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
  private static readonly EMPTY = new PersistentMap<never>({ leaf: true, entries: [] }, 0, DEFAULT_HASHING);

  private constructor(
    private readonly root: Node<V>,
    readonly size: number,
    private readonly hashing: KeyHashing,
  ) {}

  /** The empty map; `hashing` only for tests that plant collisions. */
  static empty<V>(hashing: KeyHashing = DEFAULT_HASHING): PersistentMap<V> {
    return hashing === DEFAULT_HASHING ? PersistentMap.EMPTY : new PersistentMap<V>({ leaf: true, entries: [] }, 0, hashing);
  }

  static from<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [k, v] of entries) map = map.set(k, v);
    return map;
  }

  get(key: string): V | undefined {
    return lookup(this.root, key, this.hashing.hash(key), this.hashing.compare)?.value;
  }

  has(key: string): boolean {
    return lookup(this.root, key, this.hashing.hash(key), this.hashing.compare) !== undefined;
  }

  /** A new map with `key` bound to `value`; this map is unchanged. */
  set(key: string, value: V): PersistentMap<V> {
    const hash = this.hashing.hash(key);
    const existed = lookup(this.root, key, hash, this.hashing.compare);
    if (existed && existed.value === value) return this;
    return new PersistentMap(insert(this.root, { key, value, hash }, 0, this.hashing.compare), this.size + (existed ? 0 : 1), this.hashing);
  }

  /** A new map without `key`; this map is unchanged. */
  delete(key: string): PersistentMap<V> {
    const hash = this.hashing.hash(key);
    if (!lookup(this.root, key, hash, this.hashing.compare)) return this;
    return new PersistentMap(remove(this.root, key, hash, 0, this.hashing.compare), this.size - 1, this.hashing);
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

  /** The entries sorted by key: the same in every process whatever its seed (read-model digests compare this). */
  toJSON(): [string, V][] {
    return [...this.entries()].sort((a, b) => byCodeUnits(a[0], b[0]));
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const e of walk(this.root)) callback.call(thisArg, e.value, e.key, this);
  }
}

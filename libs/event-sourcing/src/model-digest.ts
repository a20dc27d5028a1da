import { hash } from 'node:crypto';

/**
 * A read model document reduced to digests: the whole document and each top-level field, so a
 * difference can be named down to the field without sending the documents themselves.
 */
export interface DocDigest {
  readonly id: string;
  /** Stream sequence of the message that last changed it. */
  readonly seq: number;
  readonly digest: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** One read model at a cut: its documents spread over 4096 buckets by id, one digest a bucket. */
export interface ModelSummary {
  readonly name: string;
  readonly count: number;
  readonly buckets: Readonly<Record<string, string>>;
  /** Ids whose version at the cut is no longer kept (changed many times since): not compared. */
  readonly unavailable: readonly string[];
  /** Documents older than this (ms) may have aged out of the live model and are not compared. */
  readonly since?: number;
}

/**
 * JSON with sorted keys; Maps as sorted entry lists, Sets as sorted lists, bytes as base64, and an
 * object with `toJSON` as what it answers (a decider PersistentMap: its entries sorted by key, not
 * its trie, whose shape depends on the process's hash seed).
 */
export function canonicalJson(value: unknown): string {
  const slot = firstKey(value);
  // A model's documents share a few shapes: when a kept property list already holds every key of
  // this one, checking that is cheaper than collecting its keys again.
  const known = slot === undefined ? undefined : propertyLists.get(slot);
  if (known !== undefined && keysWithin(value, known.keys)) return JSON.stringify(value, known.list as string[]);
  const keys = new Set<string>();
  if (!collectPlainKeys(value, keys)) return write(value) as string;
  // Plain JSON: JSON.stringify with a property list writes each object's listed keys in the list's
  // order, so a list in canonical order gives canonical text at native speed.
  return JSON.stringify(value, propertyListFor(slot ?? keys.values().next().value ?? '', keys) as string[]);
}

/** The first key of a plain object with keys, where its property list is kept. */
function firstKey(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  for (const key in value) return key;
  return undefined;
}

/** collectPlainKeys without collecting: true when `value` is plain JSON whose every key is in `keys`. */
function keysWithin(value: unknown, keys: ReadonlySet<string>): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'bigint';
  if (Array.isArray(value)) {
    for (const item of value) if (!keysWithin(item, keys)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  // Kept lists never hold `toJSON` or `__proto__` (collectPlainKeys refuses them).
  for (const key in value) if (!keys.has(key) || !keysWithin((value as Record<string, unknown>)[key], keys)) return false;
  return true;
}

/** Adds every key of every object in `value` to `keys`; false when `value` is more than plain JSON. */
function collectPlainKeys(value: unknown, keys: Set<string>): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'bigint';
  if (Array.isArray(value)) {
    for (const item of value) if (!collectPlainKeys(item, keys)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    // `__proto__` in a property list would make JSON.stringify write the inherited prototype of
    // every object without that key: such documents take the written path.
    if (key === 'toJSON' || key === '__proto__' || !collectPlainKeys((value as Record<string, unknown>)[key], keys)) return false;
    keys.add(key);
  }
  return true;
}

/** Property lists by the documents' first key: a model's documents share a few shapes. */
const propertyLists = new Map<string, { readonly keys: ReadonlySet<string>; readonly list: readonly string[] }>();
const PROPERTY_LISTS_KEPT = 4096;

function propertyListFor(slot: string, keys: Set<string>): readonly string[] {
  const known = propertyLists.get(slot);
  if (known !== undefined && [...keys].every((k) => known.keys.has(k))) return known.list;
  const entry = { keys, list: jsonKeyOrder([...keys].sort()) };
  if (propertyLists.size < PROPERTY_LISTS_KEPT || known !== undefined) propertyLists.set(slot, entry);
  return entry.list;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/**
 * canonicalJson written directly for the shapes documents are made of (primitives, arrays, plain
 * objects), without building a sorted copy first; anything else goes through `normalise`. The text
 * is exactly what `JSON.stringify(normalise(value))` gives, key order included (model-digest.unit.spec.ts).
 */
function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string': return JSON.stringify(value);
    case 'number': return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean': return value ? 'true' : 'false';
    case 'bigint': return JSON.stringify(value.toString());
    case 'object': break;
    default: return undefined; // undefined, functions, symbols: left out of objects, null in arrays
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (write(value[i]) ?? 'null');
    return `${out}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return JSON.stringify(normalise(value));
  const { order, quoted } = keyOrderOf(Object.keys(value));
  let out = '{';
  for (let i = 0; i < order.length; i++) {
    const text = write((value as Record<string, unknown>)[order[i]!]);
    if (text !== undefined) out += `${out.length === 1 ? '' : ','}${quoted[i]!}:${text}`;
  }
  return `${out}}`;
}

/** An object's keys in the order canonicalJson writes them, and each written as JSON. */
interface KeyOrder {
  readonly keys: readonly string[];
  readonly order: readonly string[];
  readonly quoted: readonly string[];
}

/**
 * Documents of one model share a few shapes (every trace has the same keys): the written order of
 * each shape is kept, found by the object's first key and checked key by key before use.
 */
const keyOrders = new Map<string, KeyOrder>();
const KEY_ORDERS_KEPT = 4096;

function keyOrderOf(keys: string[]): KeyOrder {
  const slot = keys[0] ?? '';
  const known = keyOrders.get(slot);
  if (known !== undefined && known.keys.length === keys.length && known.keys.every((k, i) => k === keys[i])) return known;
  const order = jsonKeyOrder([...keys].sort());
  const entry = { keys, order, quoted: order.map((k) => JSON.stringify(k)) };
  if (keyOrders.size < KEY_ORDERS_KEPT || known !== undefined) keyOrders.set(slot, entry);
  return entry;
}

/** JSON.stringify lists an object's integer-like keys first, in numeric order, whatever their insertion order. */
function jsonKeyOrder(sorted: string[]): string[] {
  if (!sorted.some((k) => ARRAY_INDEX.test(k) && Number(k) < 4294967295)) return sorted;
  const indexes = sorted.filter((k) => ARRAY_INDEX.test(k) && Number(k) < 4294967295).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...sorted.filter((k) => !(ARRAY_INDEX.test(k) && Number(k) < 4294967295))];
}

function normalise(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (value instanceof Date) return value.toISOString();
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return normalise((value as { toJSON(): unknown }).toJSON());
  if (value instanceof Map) {
    return { $map: [...value.entries()].map(([k, v]) => [normalise(k), normalise(v)] as const).sort((a, b) => compare(canonicalJson(a[0]), canonicalJson(b[0]))) };
  }
  if (value instanceof Set) return { $set: [...value].map(normalise).sort((a, b) => compare(canonicalJson(a), canonicalJson(b))) };
  if (Array.isArray(value)) return value.map(normalise);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    // defineProperty: an own `__proto__` key stays a key, never the copy's prototype.
    if (v !== undefined) Object.defineProperty(out, key, { value: normalise(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One-shot hashing: a third of createHash().update().digest()'s cost for the short texts here. */
const sha256 = (text: string): string => hash('sha256', text, 'hex');

/** The digest of a whole document (DocDigest.digest), without its fields'. */
export function wholeDigest(doc: unknown): string {
  return sha256(canonicalJson(doc));
}

/** wholeDigest of a document whose canonicalJson text is already written (a writer for one fixed shape). */
export const canonicalTextDigest = (canonicalText: string): string => sha256(canonicalText);

export function digestDoc(id: string, seq: number, doc: unknown): DocDigest {
  const fields: Record<string, string> = {};
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc) && !(doc instanceof Map) && !(doc instanceof Set)) {
    for (const [key, value] of Object.entries(doc)) if (value !== undefined) fields[key] = sha256(canonicalJson(value)).slice(0, 12);
  }
  return { id, seq, digest: wholeDigest(doc), fields };
}

export function bucketOf(id: string): string {
  return sha256(id).slice(0, 3);
}

/** What a summary is made of: a document's digest without its fields'. */
export type DocVersion = Pick<DocDigest, 'id' | 'seq' | 'digest'>;

export function summarize(name: string, docs: Iterable<DocVersion>, unavailable: readonly string[] = [], since?: number): ModelSummary {
  const byBucket = new Map<string, DocVersion[]>();
  let count = 0;
  for (const doc of docs) {
    count++;
    const bucket = bucketOf(doc.id);
    const list = byBucket.get(bucket);
    if (list) list.push(doc);
    else byBucket.set(bucket, [doc]);
  }
  const buckets: Record<string, string> = {};
  for (const [bucket, list] of byBucket) {
    list.sort((a, b) => compare(a.id, b.id));
    buckets[bucket] = sha256(list.map((d) => `${d.id}\n${d.seq}\n${d.digest}`).join('\n')).slice(0, 24);
  }
  return { name, count, buckets, unavailable: [...unavailable].sort(), ...(since ? { since } : {}) };
}

export function docsInBucket<D extends DocVersion>(docs: Iterable<D>, bucket: string): D[] {
  return [...docs].filter((d) => bucketOf(d.id) === bucket).sort((a, b) => compare(a.id, b.id));
}

/** How one document differs between the live service and the replay. */
export interface DocDifference {
  readonly model: string;
  readonly id: string;
  readonly kind: 'only-live' | 'only-rebuilt' | 'differs';
  readonly liveSeq?: number;
  readonly rebuiltSeq?: number;
  /** Top-level fields whose content differs (for `differs`). */
  readonly fields: readonly string[];
}

export function differingBuckets(live: ModelSummary, rebuilt: ModelSummary): string[] {
  const all = new Set([...Object.keys(live.buckets), ...Object.keys(rebuilt.buckets)]);
  return [...all].filter((b) => live.buckets[b] !== rebuilt.buckets[b]).sort();
}

export function compareDocs(model: string, live: readonly DocDigest[], rebuilt: readonly DocDigest[], skip: ReadonlySet<string> = new Set()): DocDifference[] {
  const liveById = new Map(live.map((d) => [d.id, d]));
  const rebuiltById = new Map(rebuilt.map((d) => [d.id, d]));
  const out: DocDifference[] = [];
  for (const id of [...new Set([...liveById.keys(), ...rebuiltById.keys()])].sort()) {
    if (skip.has(id)) continue;
    const l = liveById.get(id);
    const r = rebuiltById.get(id);
    if (!r) out.push({ model, id, kind: 'only-live', liveSeq: l!.seq, fields: [] });
    else if (!l) out.push({ model, id, kind: 'only-rebuilt', rebuiltSeq: r.seq, fields: [] });
    else if (l.digest !== r.digest || l.seq !== r.seq) {
      const names = [...new Set([...Object.keys(l.fields), ...Object.keys(r.fields)])].filter((f) => l.fields[f] !== r.fields[f]).sort();
      out.push({ model, id, kind: 'differs', liveSeq: l.seq, rebuiltSeq: r.seq, fields: l.seq !== r.seq ? ['(sequence)', ...names] : names });
    }
  }
  return out;
}

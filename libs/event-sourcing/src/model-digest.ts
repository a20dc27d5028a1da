import { createHash } from 'node:crypto';

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
  return JSON.stringify(normalise(value));
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
    if (v !== undefined) out[key] = normalise(v);
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function digestDoc(id: string, seq: number, doc: unknown): DocDigest {
  const fields: Record<string, string> = {};
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc) && !(doc instanceof Map) && !(doc instanceof Set)) {
    for (const [key, value] of Object.entries(doc)) if (value !== undefined) fields[key] = sha256(canonicalJson(value)).slice(0, 12);
  }
  return { id, seq, digest: sha256(canonicalJson(doc)), fields };
}

export function bucketOf(id: string): string {
  return sha256(id).slice(0, 3);
}

export function summarize(name: string, docs: Iterable<DocDigest>, unavailable: readonly string[] = [], since?: number): ModelSummary {
  const byBucket = new Map<string, DocDigest[]>();
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

export function docsInBucket(docs: Iterable<DocDigest>, bucket: string): DocDigest[] {
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

import { createHash } from 'node:crypto';
import { canonicalJson, digestDoc, docsInBucket, summarize, wholeDigest } from './model-digest.js';

/** The reference: JSON.stringify of a deep copy with every object's keys inserted in sorted order. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedCopy((value as Record<string, unknown>)[k])]));
}

/** A deterministic pseudo-random JSON value (numbers, strings with escapes, nested arrays and objects). */
function randomJson(seed: number, depth = 0): unknown {
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const kind = Math.floor(next() * (depth > 3 ? 4 : 6));
  if (kind === 0) return Math.round((next() - 0.5) * 1e6) / 100;
  if (kind === 1) return `s${Math.floor(next() * 1000)}"\\\n\u2028é`;
  if (kind === 2) return next() < 0.5;
  if (kind === 3) return null;
  if (kind === 4) return Array.from({ length: Math.floor(next() * 4) }, (_, i) => randomJson(seed + i + 1, depth + 1));
  const keys = ['b', 'a', '10', '9', 'z_1', 'A', '0', '01', 'é', '4294967295'];
  return Object.fromEntries(keys.filter(() => next() < 0.5).map((k, i) => [k, randomJson(seed * 31 + i, depth + 1)]));
}

describe('canonicalJson', () => {
  it('given plain JSON values, writes what JSON.stringify writes for a key-sorted copy', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const value = randomJson(seed);
      expect(canonicalJson(value)).toBe(JSON.stringify(sortedCopy(value)));
    }
  });

  it('given integer-like keys, lists them first in numeric order, as JSON.stringify does', () => {
    expect(canonicalJson({ b: 1, 10: 2, 9: 3, a: 4, '01': 5 })).toBe('{"9":3,"10":2,"01":5,"a":4,"b":1}');
  });

  it('given undefined, functions, NaN and Infinity: left out of objects, null in arrays and for numbers', () => {
    expect(canonicalJson({ u: undefined, f: () => 1, n: NaN, i: -Infinity, a: [undefined, () => 1, 1] })).toBe('{"a":[null,null,1],"i":null,"n":null}');
  });

  it('given Maps, Sets, bytes, dates and bigints inside a plain object, writes their canonical forms', () => {
    const doc = { m: new Map<unknown, unknown>([['b', 1], ['a', new Set([3, 1])]]), bytes: new Uint8Array([1, 2, 255]), at: new Date(0), big: 12n };
    expect(canonicalJson(doc)).toBe('{"at":"1970-01-01T00:00:00.000Z","big":"12","bytes":{"$bytes":"AQL/"},"m":{"$map":[["a",{"$set":[1,3]}],["b",1]]}}');
  });

  it('given a document with an own __proto__ key, writes it as a key and leaves the text of later documents unchanged', () => {
    const later = { a: { x: 1 }, b: { y: 2 } };
    const before = canonicalJson(later);
    const odd = JSON.parse('{"a":{"x":1,"__proto__":"v1"},"b":{"y":2}}') as unknown;
    expect(canonicalJson(odd)).toBe('{"a":{"__proto__":"v1","x":1},"b":{"y":2}}');
    expect(canonicalJson(new Map([['k', odd]]))).toContain('"__proto__":"v1"');
    expect(canonicalJson(later)).toBe(before);
    expect(before).toBe('{"a":{"x":1},"b":{"y":2}}');
  });

  it('given documents of one shape, then one with the same first key and a nested key the first lacked: every key of each written, sorted', () => {
    expect(canonicalJson({ k: 1, s: { b: 2, a: 1 } })).toBe('{"k":1,"s":{"a":1,"b":2}}');
    expect(canonicalJson({ k: 2, s: { a: 3 } })).toBe('{"k":2,"s":{"a":3}}');
    expect(canonicalJson({ k: 3, s: { c: 4, a: 5 }, t: [{ d: 1 }] })).toBe('{"k":3,"s":{"a":5,"c":4},"t":[{"d":1}]}');
    expect(canonicalJson({ k: 4, s: { b: new Date(0) } })).toBe('{"k":4,"s":{"b":"1970-01-01T00:00:00.000Z"}}');
  });

  it('given a class instance, writes its own enumerable fields in sorted order', () => {
    class Point { constructor(readonly y: number, readonly x: number) {} }
    expect(canonicalJson({ p: new Point(2, 1) })).toBe('{"p":{"x":1,"y":2}}');
  });
});

describe('document digests', () => {
  it('given a document, its whole digest is the SHA-256 of its canonical JSON, the same as digestDoc gives', () => {
    const doc = { name: 'k', versions: [1, 2], tags: new Map([['t', 'v']]) };
    const expected = createHash('sha256').update(canonicalJson(doc)).digest('hex');
    expect(wholeDigest(doc)).toBe(expected);
    expect(digestDoc('id', 7, doc)).toEqual({ id: 'id', seq: 7, digest: expected, fields: expect.objectContaining({ name: expect.any(String), versions: expect.any(String), tags: expect.any(String) }) });
  });

  it('given versions without field digests, summarizes and buckets them as full digests', () => {
    const full = ['a', 'b', 'c'].map((id, i) => digestDoc(id, i + 1, { id }));
    const versions = full.map(({ id, seq, digest }) => ({ id, seq, digest }));
    expect(summarize('m', versions)).toEqual(summarize('m', full));
    const bucket = Object.keys(summarize('m', full).buckets)[0]!;
    expect(docsInBucket(versions, bucket).map((d) => d.id)).toEqual(docsInBucket(full, bucket).map((d) => d.id));
  });
});

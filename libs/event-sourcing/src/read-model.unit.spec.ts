import { canonicalJson, compareDocs, differingBuckets, digestDoc, docsInBucket, summarize } from './model-digest.js';
import { VersionHistory } from './version-history.js';

describe('VersionHistory', () => {
  it('at a cut: the newest version at or before it; absent before the first; unavailable once dropped', () => {
    const h = new VersionHistory<string>(2);
    expect(h.at(5)).toEqual({ status: 'absent' });
    h.record(3, 'a');
    h.record(7, 'b');
    expect(h.at(2)).toEqual({ status: 'absent' });
    expect(h.at(6)).toEqual({ status: 'present', seq: 3, value: 'a' });
    expect(h.at(99)).toEqual({ status: 'present', seq: 7, value: 'b' });
    h.record(9, 'c');
    expect(h.at(5)).toEqual({ status: 'unavailable', oldestKept: 7 });
    expect(h.at(8)).toEqual({ status: 'present', seq: 7, value: 'b' });
  });

  it('refuses a version out of order (the stream only moves forward)', () => {
    const h = new VersionHistory<number>();
    h.record(4, 1);
    expect(() => h.record(4, 2)).toThrow('version 4 recorded after version 4');
  });
});

describe('model digests', () => {
  it('canonical JSON: key order, Maps, Sets and bytes do not change the digest of equal content', () => {
    const a = { b: 1, a: new Map([['y', 2], ['x', 1]]), s: new Set([3, 1]), bytes: new Uint8Array([1, 2]), gone: undefined };
    const b = { bytes: new Uint8Array([1, 2]), s: new Set([1, 3]), a: new Map([['x', 1], ['y', 2]]), b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(digestDoc('d', 1, a).digest).toBe(digestDoc('d', 1, b).digest);
    expect(digestDoc('d', 1, a).digest).not.toBe(digestDoc('d', 1, { ...b, b: 2 }).digest);
  });

  it('compare: names documents only on one side and the top-level fields that differ, skipping unavailable ids', () => {
    const live = [digestDoc('k1', 1, { state: 'enabled', alias: 'x' }), digestDoc('k2', 2, { state: 'enabled' }), digestDoc('k4', 4, {})];
    const rebuilt = [digestDoc('k1', 1, { state: 'disabled', alias: 'x' }), digestDoc('k3', 3, { state: 'enabled' }), digestDoc('k4', 5, {})];
    expect(compareDocs('m', live, rebuilt, new Set(['k4']))).toEqual([
      { model: 'm', id: 'k1', kind: 'differs', liveSeq: 1, rebuiltSeq: 1, fields: ['state'] },
      { model: 'm', id: 'k2', kind: 'only-live', liveSeq: 2, fields: [] },
      { model: 'm', id: 'k3', kind: 'only-rebuilt', rebuiltSeq: 3, fields: [] },
    ]);
  });

  it('summaries: equal models have equal buckets; one changed document changes exactly its bucket', () => {
    const docs = Array.from({ length: 500 }, (_, i) => digestDoc(`doc-${i}`, i + 1, { n: i }));
    const changed = docs.map((d) => (d.id === 'doc-7' ? digestDoc('doc-7', 8, { n: -1 }) : d));
    const a = summarize('m', docs);
    expect(a.count).toBe(500);
    expect(differingBuckets(a, summarize('m', [...docs].reverse()))).toEqual([]);
    const diff = differingBuckets(a, summarize('m', changed));
    expect(diff).toHaveLength(1);
    expect(docsInBucket(changed, diff[0]!).map((d) => d.id)).toContain('doc-7');
  });
});

import { PersistentMap } from './persistent-map.js';

/** Deterministic pseudo-random sequence (LCG) so the model test is reproducible. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

describe('PersistentMap', () => {
  it('empty map: size 0, get → undefined', () => {
    const m = PersistentMap.empty<number>();
    expect(m.size).toBe(0);
    expect(m.get('a')).toBeUndefined();
    expect(m.has('a')).toBe(false);
    expect([...m]).toEqual([]);
  });

  it('set: returns a new map and leaves the old one unchanged', () => {
    const a = PersistentMap.empty<number>().set('x', 1);
    const b = a.set('x', 2).set('y', 3);
    expect(a.get('x')).toBe(1);
    expect(a.has('y')).toBe(false);
    expect(a.size).toBe(1);
    expect(b.get('x')).toBe(2);
    expect(b.size).toBe(2);
  });

  it('set of the same value: returns the same map', () => {
    const a = PersistentMap.empty<number>().set('x', 1);
    expect(a.set('x', 1)).toBe(a);
  });

  it('delete: removes in the new map only; deleting a missing key returns the same map', () => {
    const a = PersistentMap.from([['x', 1], ['y', 2]]);
    const b = a.delete('x');
    expect(b.has('x')).toBe(false);
    expect(b.size).toBe(1);
    expect(a.get('x')).toBe(1);
    expect(b.delete('nope')).toBe(b);
  });

  it('5000 random sets and deletes: agrees with Map, and every earlier version stays intact', () => {
    const next = lcg(42);
    const model = new Map<string, number>();
    let m = PersistentMap.empty<number>();
    const snapshots: [PersistentMap<number>, Map<string, number>][] = [];
    for (let i = 0; i < 5000; i++) {
      const key = `00000000-0000-4000-8000-${String(next() % 3000).padStart(12, '0')}`;
      if (next() % 4 === 0) {
        m = m.delete(key);
        model.delete(key);
      } else {
        m = m.set(key, i);
        model.set(key, i);
      }
      if (i % 1000 === 0) snapshots.push([m, new Map(model)]);
    }
    expect(m.size).toBe(model.size);
    expect(new Map(m.entries())).toEqual(model);
    for (const [k, v] of model) expect(m.get(k)).toBe(v);
    for (const [snap, expected] of snapshots) {
      expect(snap.size).toBe(expected.size);
      expect(new Map(snap)).toEqual(expected);
    }
  });

  it('iteration: keys(), values(), forEach visit every entry once', () => {
    const m = PersistentMap.from(Array.from({ length: 300 }, (_, i) => [`k${i}`, i] as const));
    expect([...m.keys()].sort()).toEqual(Array.from({ length: 300 }, (_, i) => `k${i}`).sort());
    expect([...m.values()].reduce((a, b) => a + b, 0)).toBe((299 * 300) / 2);
    let n = 0;
    m.forEach(() => n++);
    expect(n).toBe(300);
  });
});

import { PersistentMap, seededHash, type KeyHashing } from './persistent-map.js';

/** Deterministic pseudo-random sequence (LCG) so the model test is reproducible. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

/**
 * `steps` random sets (and one delete in `deleteOneIn`) of `keyOf(next())` on `start` and on a Map
 * beside it; `each(i, map, model)` sees both after every step.
 */
function randomChanges(start: PersistentMap<number>, seed: number, steps: number, deleteOneIn: number, keyOf: (n: number) => string, each: (i: number, m: PersistentMap<number>, model: Map<string, number>) => void = () => {}) {
  const next = lcg(seed);
  const model = new Map<string, number>();
  let m = start;
  for (let i = 0; i < steps; i++) {
    const key = keyOf(next());
    if (next() % deleteOneIn === 0) {
      m = m.delete(key);
      model.delete(key);
    } else {
      m = m.set(key, i);
      model.set(key, i);
    }
    each(i, m, model);
  }
  return { m, model };
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
    const snapshots: [PersistentMap<number>, Map<string, number>][] = [];
    const { m, model } = randomChanges(PersistentMap.empty(), 42, 5000, 4, (n) => `00000000-0000-4000-8000-${String(n % 3000).padStart(12, '0')}`, (i, at, expected) => {
      if (i % 1000 === 0) snapshots.push([at, new Map(expected)]);
    });
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

/** A hashing under which every key collides, counting the key comparisons the map makes. */
function everyKeyCollides(): { hashing: KeyHashing; comparisons: () => number } {
  let n = 0;
  return {
    hashing: { hash: () => 0x5eed, compare: (a, b) => (n++, a < b ? -1 : a > b ? 1 : 0) },
    comparisons: () => {
      const seen = n;
      n = 0;
      return seen;
    },
  };
}

describe('PersistentMap under hash flooding', () => {
  it('unseeded FNV-1a (seed 0) collides on known pairs; the seeded hash of a process separates them', () => {
    const pairs = [['costarring', 'liquid'], ['declinate', 'macallums'], ['altarage', 'zinke'], ['altarages', 'zinkes']] as const;
    const unseeded = seededHash(0);
    for (const [a, b] of pairs) expect(unseeded(a)).toBe(unseeded(b));
    // A caller cannot know another seed's collisions: the known pairs fall apart under other seeds.
    for (const seed of [1, 0x9e3779b9, 0xdeadbeef]) {
      const hash = seededHash(seed);
      for (const [a, b] of pairs) expect(hash(a)).not.toBe(hash(b));
    }
  });

  it('the default map holds the known FNV-1a colliding names as distinct entries', () => {
    const keys = ['costarring', 'liquid', 'declinate', 'macallums', 'altarage', 'zinke'];
    const m = PersistentMap.from(keys.map((k, i) => [k, i] as const));
    for (const [i, k] of keys.entries()) expect(m.get(k)).toBe(i);
  });

  it('4096 keys that all share one hash: set, get, has and delete stay correct against a Map', () => {
    const { m, model } = randomChanges(PersistentMap.empty(everyKeyCollides().hashing), 7, 8000, 5, (n) => `alias-${n % 4096}`);
    expect(m.size).toBe(model.size);
    expect(new Map(m)).toEqual(model);
    for (let k = 0; k < 4096; k++) expect(m.get(`alias-${k}`)).toBe(model.get(`alias-${k}`));
    expect(m.has('alias-4096')).toBe(false);
  });

  it('4096 colliding keys: each get, has, set and delete makes at most log2(n) + 2 = 14 key comparisons, not n', () => {
    const { hashing, comparisons } = everyKeyCollides();
    let m = PersistentMap.empty<number>(hashing);
    for (let k = 0; k < 4096; k++) m = m.set(`alias-${k}`, k);
    comparisons();
    const bound = Math.log2(4096) + 2;
    for (const key of ['alias-0', 'alias-2048', 'alias-4095', 'absent']) {
      m.get(key);
      expect(comparisons()).toBeLessThanOrEqual(bound);
      m.has(key);
      expect(comparisons()).toBeLessThanOrEqual(bound);
    }
    // set and delete look the key up, then place it: two searches.
    m.set('alias-new', -1);
    expect(comparisons()).toBeLessThanOrEqual(2 * bound);
    m.delete('alias-17');
    expect(comparisons()).toBeLessThanOrEqual(2 * bound);
  });

  it('toJSON: the entries sorted by key, whatever the hashing (what read-model digests compare across processes)', () => {
    const entries = [['b', 2], ['a', 1], ['c', 3]] as const;
    const seeded = PersistentMap.from(entries);
    let colliding = PersistentMap.empty<number>(everyKeyCollides().hashing);
    for (const [k, v] of entries) colliding = colliding.set(k, v);
    expect(seeded.toJSON()).toEqual([['a', 1], ['b', 2], ['c', 3]]);
    expect(colliding.toJSON()).toEqual(seeded.toJSON());
  });
});

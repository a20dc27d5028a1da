import { KeyedInFlightLimit } from './keyed-in-flight-limit.js';

/** Enters `key` n times, returning what each attempt did. */
const enter = (limit: KeyedInFlightLimit, key: string, n: number) => Array.from({ length: n }, () => limit.tryEnter(key));

describe('KeyedInFlightLimit: a share per key within a total', () => {
  it('a key at its share is refused as key-full while other keys still enter', () => {
    const limit = new KeyedInFlightLimit(10, 3);
    expect(enter(limit, 'a', 4)).toEqual(['entered', 'entered', 'entered', 'key-full']);
    expect(limit.tryEnter('b')).toBe('entered');
    expect([limit.inFlightOf('a'), limit.inFlightOf('b'), limit.inFlight]).toEqual([3, 1, 4]);
  });

  it('the total is reached by several keys: the next key is refused as full, a key at its share still as key-full', () => {
    const limit = new KeyedInFlightLimit(4, 2);
    enter(limit, 'a', 2);
    enter(limit, 'b', 2);
    expect(limit.tryEnter('c')).toBe('full');
    expect(limit.tryEnter('a')).toBe('key-full');
    expect(limit.inFlight).toBe(4);
  });

  it('leave releases the key it names: that key enters again, the others keep their counts', () => {
    const limit = new KeyedInFlightLimit(4, 2);
    enter(limit, 'a', 2);
    enter(limit, 'b', 2);
    limit.leave('a');
    expect([limit.inFlightOf('a'), limit.inFlightOf('b')]).toEqual([1, 2]);
    expect(limit.tryEnter('b')).toBe('key-full');
    expect(limit.tryEnter('a')).toBe('entered');
  });

  it('a key is forgotten when its count drops to 0: 100,000 distinct keys entered and left leave an empty map', () => {
    const limit = new KeyedInFlightLimit(8, 1);
    for (let i = 0; i < 100_000; i++) {
      expect(limit.tryEnter(`forged-${i}`)).toBe('entered');
      limit.leave(`forged-${i}`);
    }
    expect([limit.keys, limit.inFlight]).toEqual([0, 0]);
  });

  it('the map never holds more keys than the total: distinct keys beyond it are refused, not remembered', () => {
    const limit = new KeyedInFlightLimit(5, 1);
    const entries = Array.from({ length: 1000 }, (_, i) => limit.tryEnter(`k${i}`));
    expect(entries.filter((e) => e === 'entered')).toHaveLength(5);
    expect(limit.keys).toBe(5);
  });

  it('leave of a key holding nothing changes nothing (the total does not go below what is held)', () => {
    const limit = new KeyedInFlightLimit(2, 1);
    limit.tryEnter('a');
    limit.leave('b');
    expect([limit.inFlight, limit.inFlightOf('a'), limit.keys]).toEqual([1, 1, 1]);
  });

  it.each([
    [0, 1],
    [4, 0],
    [4, 5],
    [2.5, 1],
  ])('max %p, share %p: refused at construction', (max, perKey) => {
    expect(() => new KeyedInFlightLimit(max, perKey)).toThrow(/whole number/);
  });
});

import { RecentlyVerified } from './recently-verified.js';

describe('RecentlyVerified: claims IAM verified lately, per source', () => {
  it('a remembered pair names its caller; the same claim from another source does not', () => {
    const memory = new RecentlyVerified();
    memory.remember('ak:A', '10.0.0.1', 'ak:A');
    expect(memory.callerOf('ak:A', '10.0.0.1')).toBe('ak:A');
    expect(memory.callerOf('ak:A', '10.0.0.2')).toBeUndefined();
  });

  it('past the TTL the pair is forgotten (and its entry dropped); verifying again renews it', () => {
    let now = 0;
    const memory = new RecentlyVerified({ ttlMs: 1000, now: () => now });
    memory.remember('ak:A', 's', 'ak:A');
    now = 1000;
    expect(memory.callerOf('ak:A', 's')).toBe('ak:A');
    memory.remember('ak:A', 's', 'ak:A');
    now = 2000;
    expect(memory.callerOf('ak:A', 's')).toBe('ak:A');
    now = 2001;
    expect(memory.callerOf('ak:A', 's')).toBeUndefined();
    expect(memory.size).toBe(0);
  });

  it('beyond its bound the pair verified longest ago goes first', () => {
    const memory = new RecentlyVerified({ maxEntries: 3 });
    for (const ak of ['A', 'B', 'C']) memory.remember(`ak:${ak}`, 's', `ak:${ak}`);
    memory.remember('ak:A', 's', 'ak:A');
    memory.remember('ak:D', 's', 'ak:D');
    expect(memory.size).toBe(3);
    expect(['A', 'B', 'C', 'D'].map((ak) => memory.callerOf(`ak:${ak}`, 's') !== undefined)).toEqual([true, false, true, true]);
  });

  it('one credential verified from ever new sources: only its own oldest sources go, other callers stay remembered', () => {
    const memory = new RecentlyVerified({ maxEntries: 100, maxPairsPerCaller: 4 });
    memory.remember('ak:OTHER', '10.0.0.1', 'ak:OTHER');
    for (let i = 0; i < 1000; i++) memory.remember('ak:SPREAD', `2001:db8:${i.toString(16)}::/64`, 'ak:SPREAD');
    expect(memory.callerOf('ak:OTHER', '10.0.0.1')).toBe('ak:OTHER');
    expect(memory.size).toBe(5);
    expect(memory.callerOf('ak:SPREAD', '2001:db8:3e7::/64')).toBe('ak:SPREAD');
    expect(memory.callerOf('ak:SPREAD', '2001:db8:0::/64')).toBeUndefined();
  });

  it('one user verified with ever new tokens (each its own claim): only that user\'s oldest pairs go, other callers stay remembered', () => {
    const memory = new RecentlyVerified({ maxEntries: 100, maxPairsPerCaller: 4 });
    memory.remember('ak:OTHER', '10.0.0.1', 'ak:OTHER');
    for (let i = 0; i < 1000; i++) memory.remember(`token:t${i}`, '10.0.0.9', 'user:U');
    expect(memory.callerOf('ak:OTHER', '10.0.0.1')).toBe('ak:OTHER');
    expect(memory.size).toBe(5);
    expect(memory.callerOf('token:t999', '10.0.0.9')).toBe('user:U');
    expect(memory.callerOf('token:t0', '10.0.0.9')).toBeUndefined();
  });
});

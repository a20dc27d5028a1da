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
});

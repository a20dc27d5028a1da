import { FailureRateLimiter } from './rate-limit.js';

function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

describe('FailureRateLimiter', () => {
  it('capacity 10: the 10th failure in a burst blocks the key, others stay free', () => {
    const clock = fakeClock();
    const limiter = new FailureRateLimiter({ capacity: 10, refillPerSecond: 1, now: clock.now });
    for (let i = 0; i < 9; i++) limiter.recordFailure('ip:10.0.0.1');
    expect(limiter.isBlocked('ip:10.0.0.1')).toBe(false);
    limiter.recordFailure('ip:10.0.0.1');
    expect(limiter.isBlocked('ip:10.0.0.1')).toBe(true);
    expect(limiter.isBlocked('ip:10.0.0.2')).toBe(false);
  });

  it('blocked key: free again after one refill interval, blocked again by the next failure', () => {
    const clock = fakeClock();
    const limiter = new FailureRateLimiter({ capacity: 3, refillPerSecond: 0.5, now: clock.now });
    for (let i = 0; i < 3; i++) limiter.recordFailure('ak');
    expect(limiter.retryAfterMs('ak')).toBe(2000);
    clock.advance(1999);
    expect(limiter.isBlocked('ak')).toBe(true);
    clock.advance(1);
    expect(limiter.isBlocked('ak')).toBe(false);
    expect(limiter.retryAfterMs('ak')).toBe(0);
    limiter.recordFailure('ak');
    expect(limiter.isBlocked('ak')).toBe(true);
  });

  it('failures spread slower than the refill rate: never blocked, entry dropped once refilled', () => {
    const clock = fakeClock();
    const limiter = new FailureRateLimiter({ capacity: 2, refillPerSecond: 1, now: clock.now });
    for (let i = 0; i < 50; i++) {
      limiter.recordFailure('ip');
      expect(limiter.isBlocked('ip')).toBe(false);
      clock.advance(1000);
    }
    expect(limiter.isBlocked('ip')).toBe(false);
    expect(limiter.size).toBe(0);
  });

  it('more keys than maxEntries: size stays bounded, the key with the oldest failure is forgotten', () => {
    const clock = fakeClock();
    const limiter = new FailureRateLimiter({ capacity: 1, refillPerSecond: 0.001, maxEntries: 3, now: clock.now });
    for (const key of ['a', 'b', 'c']) limiter.recordFailure(key);
    limiter.recordFailure('a');
    limiter.recordFailure('d');
    expect(limiter.size).toBe(3);
    expect(limiter.isBlocked('b')).toBe(false);
    expect(['a', 'c', 'd'].map((k) => limiter.isBlocked(k))).toEqual([true, true, true]);
    for (let i = 0; i < 10_000; i++) limiter.recordFailure(`ip-${i}`);
    expect(limiter.size).toBe(3);
  });

  it('clock stepping backwards: no refill credited', () => {
    const clock = fakeClock();
    const limiter = new FailureRateLimiter({ capacity: 1, refillPerSecond: 1, now: clock.now });
    limiter.recordFailure('k');
    clock.advance(-60_000);
    expect(limiter.isBlocked('k')).toBe(true);
  });

  it.each([{ capacity: 0 }, { refillPerSecond: 0 }, { maxEntries: 0 }, { maxEntries: 1.5 }])('options %j: RangeError', (opts) => {
    expect(() => new FailureRateLimiter(opts)).toThrow(RangeError);
  });
});

describe('FailureRateLimiter: reservations and bounded keys', () => {
  it('40 reservations in a row on capacity 5: the first 5 succeed, the other 35 are refused and count nothing', () => {
    const limiter = new FailureRateLimiter({ capacity: 5, refillPerSecond: 0.1, now: fakeClock().now });
    const granted = Array.from({ length: 40 }, () => limiter.tryReserve('user-1')).filter(Boolean).length;
    expect(granted).toBe(5);
    expect(limiter.retryAfterMs('user-1')).toBe(10_000);
  });

  it('a released reservation is forgiven: 5 reserve-and-release rounds leave the key free and unstored', () => {
    const limiter = new FailureRateLimiter({ capacity: 5, refillPerSecond: 0.1, now: fakeClock().now });
    for (let i = 0; i < 5; i++) {
      expect(limiter.tryReserve('user-1')).toBe(true);
      limiter.release('user-1');
    }
    expect(limiter.hasFailures('user-1')).toBe(false);
    expect(limiter.size).toBe(0);
  });

  it('5 000 failures under distinct 100 KB keys: at most maxEntries entries, each key stored in at most 128 characters', () => {
    const limiter = new FailureRateLimiter({ capacity: 5, refillPerSecond: 0.1, maxEntries: 1000, now: fakeClock().now });
    const base = 'k'.repeat(100 * 1024);
    for (let i = 0; i < 5_000; i++) limiter.recordFailure(`${base}${i}`);
    expect(limiter.size).toBe(1000);
    const stored = [...(limiter as unknown as { buckets: Map<string, unknown> }).buckets.keys()];
    expect(Math.max(...stored.map((k) => k.length))).toBeLessThanOrEqual(128);
  });

  it('two long keys differing only in their last character: counted apart (digest, not truncation)', () => {
    const limiter = new FailureRateLimiter({ capacity: 1, refillPerSecond: 0.1, now: fakeClock().now });
    const base = 'x'.repeat(10_000);
    limiter.recordFailure(`${base}a`);
    expect(limiter.isBlocked(`${base}a`)).toBe(true);
    expect(limiter.isBlocked(`${base}b`)).toBe(false);
  });
});

import { ReplayGuard } from './replay-guard.js';

const MINUTE = 60_000;
const sig = (n: number): string => n.toString(16).padStart(64, '0');

function fakeClock(start = Date.UTC(2026, 0, 1)): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

describe('ReplayGuard', () => {
  it('same signature twice within the window: first accepted, second refused; another signature accepted', () => {
    const clock = fakeClock();
    const guard = new ReplayGuard({ now: clock.now });
    const signedAt = new Date(clock.now());
    expect(guard.tryUse(sig(1), signedAt)).toBe(true);
    clock.advance(14 * MINUTE);
    expect(guard.tryUse(sig(1), signedAt)).toBe(false);
    expect(guard.tryUse(sig(2), signedAt)).toBe(true);
  });

  it('signedAt given: remembered until signedAt + skew, when the verifier would refuse it anyway', () => {
    const clock = fakeClock();
    const guard = new ReplayGuard({ skewMs: 15 * MINUTE, now: clock.now });
    const signedAt = new Date(clock.now() + 10 * MINUTE);
    expect(guard.tryUse(sig(1), signedAt)).toBe(true);
    clock.advance(25 * MINUTE - 1);
    expect(guard.tryUse(sig(1), signedAt)).toBe(false);
    clock.advance(1);
    expect(guard.tryUse(sig(1), signedAt)).toBe(true);
  });

  it('no signedAt: remembered for two skew windows from first use', () => {
    const clock = fakeClock();
    const guard = new ReplayGuard({ skewMs: 15 * MINUTE, now: clock.now });
    expect(guard.tryUse(sig(1))).toBe(true);
    clock.advance(30 * MINUTE - 1);
    expect(guard.tryUse(sig(1))).toBe(false);
  });

  it('signature already past its window: accepted and not stored', () => {
    const clock = fakeClock();
    const guard = new ReplayGuard({ skewMs: 15 * MINUTE, now: clock.now });
    expect(guard.tryUse(sig(1), new Date(clock.now() - 16 * MINUTE))).toBe(true);
    expect(guard.size).toBe(0);
  });

  it('expired entries: dropped as time passes, so memory follows the request rate', () => {
    const clock = fakeClock();
    const guard = new ReplayGuard({ skewMs: MINUTE, now: clock.now });
    for (let i = 0; i < 100; i++) {
      guard.tryUse(sig(i), new Date(clock.now()));
      clock.advance(1000);
    }
    expect(guard.size).toBe(60);
  });

  it('more live signatures than maxEntries: size bounded, the oldest forgotten', () => {
    const clock = fakeClock();
    const guard = new ReplayGuard({ maxEntries: 1000, now: clock.now });
    const signedAt = new Date(clock.now());
    for (let i = 0; i < 5000; i++) expect(guard.tryUse(sig(i), signedAt)).toBe(true);
    expect(guard.size).toBe(1000);
    expect(guard.tryUse(sig(4999), signedAt)).toBe(false);
    expect(guard.tryUse(sig(0), signedAt)).toBe(true);
  });

  it.each([{ skewMs: -1 }, { maxEntries: 0 }])('options %j: RangeError', (opts) => {
    expect(() => new ReplayGuard(opts)).toThrow(RangeError);
  });
});

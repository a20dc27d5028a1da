import { DewError } from '@dew/contracts';
import { LOGIN_LIMITS, LoginLimits } from './login-limits.js';

function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

/** The refusal `reserve` throws, or null when the attempt was reserved. */
function refusalOf(limits: LoginLimits, source: string, user: string): DewError | null {
  try {
    limits.reserve({ source, user });
    return null;
  } catch (err) {
    if (err instanceof DewError) return err;
    throw err;
  }
}

const USER = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

describe('LoginLimits', () => {
  it('40 concurrent attempts for one user from one source (reserved before any check): 5 pass, 35 get 429 IAM.0007', () => {
    const limits = new LoginLimits({ now: fakeClock().now });
    const refusals = Array.from({ length: 40 }, () => refusalOf(limits, '10.0.0.1', USER));
    expect(refusals.filter((r) => r === null)).toHaveLength(LOGIN_LIMITS.perSourceAndUser.capacity);
    expect(refusals.filter((r) => r !== null).every((r) => r?.code === 'IAM.0007' && r.status === 429)).toBe(true);
  });

  it('one wrong password every 10 s from source A for an hour: A stays stopped, source B is never refused', () => {
    const clock = fakeClock();
    const limits = new LoginLimits({ now: clock.now });
    for (let i = 0; i < 5; i++) expect(refusalOf(limits, 'A', USER)).toBeNull();
    for (let t = 0; t < 360; t++) {
      clock.advance(10_000);
      refusalOf(limits, 'A', USER);
      expect(refusalOf(limits, 'A', USER)?.code).toBe('IAM.0007');
      const release = limits.reserve({ source: 'B', user: USER });
      release();
    }
  });

  it('a successful check gives the reservation back: 20 good logins in a row from one source are never refused', () => {
    const limits = new LoginLimits({ now: fakeClock().now });
    for (let i = 0; i < 20; i++) limits.reserve({ source: 'A', user: USER })();
    expect(limits.sizes).toEqual([0, 0, 0]);
  });

  it('per-user flood stop spent by 100 sources: a source with failures against the user is refused, a clean source still gets its check', () => {
    const limits = new LoginLimits({ now: fakeClock().now });
    for (let s = 0; s < LOGIN_LIMITS.perUser.capacity; s++) expect(refusalOf(limits, `10.1.0.${s}`, USER)).toBeNull();
    expect(refusalOf(limits, '10.1.0.1', USER)?.code).toBe('IAM.0007');
    expect(refusalOf(limits, '192.0.2.7', USER)).toBeNull();
  });

  it('a refused attempt gives back what it took: a source blocked for one user can still try 19 others', () => {
    const limits = new LoginLimits({ now: fakeClock().now });
    for (let i = 0; i < 5; i++) refusalOf(limits, 'A', USER);
    for (let i = 0; i < 30; i++) expect(refusalOf(limits, 'A', USER)?.code).toBe('IAM.0007');
    for (let u = 0; u < 15; u++) expect(refusalOf(limits, 'A', `user-${u}`)).toBeNull();
  });

  it('2 000 attempts from 64 KB source strings and distinct users, 500 entries allowed: every limiter holds at most 500', () => {
    const limits = new LoginLimits({ now: fakeClock().now, maxEntries: 500 });
    const huge = 's'.repeat(64 * 1024);
    for (let i = 0; i < 2_000; i++) refusalOf(limits, `${huge}${i}`, `user-${i}`);
    expect(limits.sizes).toEqual([500, 500, 500]);
  });
});

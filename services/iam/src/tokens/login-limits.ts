import { FailureRateLimiter, type FailureRateLimiterOptions } from '@dew/aksk';
import { TooManyFailedLogins } from '@dew/contracts';

/** docs/iam-security.md "Login limits". */
export const LOGIN_LIMITS = {
  /** Every failed login from one source address, whatever the user. */
  perSource: { capacity: 20, refillPerSecond: 0.5 },
  /** Guessing one user's password from one source: 5 at once, then one per 10 s. */
  perSourceAndUser: { capacity: 5, refillPerSecond: 0.1 },
  /** A flood stop across sources; once it is spent only sources with no failure against the user get a check. */
  perUser: { capacity: 100, refillPerSecond: 1 },
} as const satisfies Record<string, FailureRateLimiterOptions>;

export interface LoginAttempt {
  readonly source: string;
  /** The resolved user id, or a bounded stand-in (checked names) for a user that does not exist. */
  readonly user: string;
}

/**
 * Failed-login limiters. An attempt is reserved in each before its password is checked, so a
 * concurrent burst cannot outrun the count; a successful check gives the reservations back. A
 * source's failures never refuse another source's login, except through the per-user flood stop,
 * which still lets a source with no failure against the user try.
 */
export class LoginLimits {
  readonly #bySource: FailureRateLimiter;
  readonly #bySourceAndUser: FailureRateLimiter;
  readonly #byUser: FailureRateLimiter;

  /** `bounds` (clock, entry count) are for tests; production takes the limiter defaults. */
  constructor(bounds: Pick<FailureRateLimiterOptions, 'now' | 'maxEntries'> = {}) {
    this.#bySource = new FailureRateLimiter({ ...LOGIN_LIMITS.perSource, ...bounds });
    this.#bySourceAndUser = new FailureRateLimiter({ ...LOGIN_LIMITS.perSourceAndUser, ...bounds });
    this.#byUser = new FailureRateLimiter({ ...LOGIN_LIMITS.perUser, ...bounds });
  }

  /** Entries held by each limiter (each bounded by its maxEntries, each key by maxKeyLength). */
  get sizes(): readonly number[] {
    return [this.#bySource.size, this.#bySourceAndUser.size, this.#byUser.size];
  }

  /** Counts the attempt as failed until the returned release is called; IAM.0007 when a limit is spent. */
  reserve(attempt: LoginAttempt): () => void {
    const pair = `${attempt.source}|${attempt.user}`;
    const sourceClean = !this.#bySourceAndUser.hasFailures(pair);
    const taken: [FailureRateLimiter, string][] = [];
    const giveBack = () => {
      for (const [limiter, key] of taken) limiter.release(key);
    };
    const take = (limiter: FailureRateLimiter, key: string) => {
      if (limiter.tryReserve(key)) return taken.push([limiter, key]);
      giveBack();
      throw TooManyFailedLogins(Math.ceil(limiter.retryAfterMs(key) / 1000));
    };
    take(this.#bySource, attempt.source);
    take(this.#bySourceAndUser, pair);
    if (!this.#byUser.isBlocked(attempt.user) || !sourceClean) take(this.#byUser, attempt.user);
    return giveBack;
  }
}

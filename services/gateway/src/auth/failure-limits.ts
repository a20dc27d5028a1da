import { FailureRateLimiter, type FailureRateLimiterOptions } from '@dew/aksk';
import { DewError, TooManyFailedAuthentications } from '@dew/contracts';

export interface FailureLimitsOptions {
  readonly perSource?: FailureRateLimiterOptions;
  readonly perSourceAndKey?: FailureRateLimiterOptions;
}

/**
 * Failed authentications counted per source and per (source, access key) (docs/bus-security.md).
 * They only turn a refusal into a 429: the caller consults them once a request has already failed,
 * so a request whose signature or token verifies is never refused by them, and nobody can lock
 * an access key's owner out by sending bogus signatures that name it.
 */
export class FailureLimits {
  readonly #bySource: FailureRateLimiter;
  readonly #bySourceAndKey: FailureRateLimiter;

  constructor(opts: FailureLimitsOptions = {}) {
    this.#bySource = new FailureRateLimiter(opts.perSource ?? { capacity: 50, refillPerSecond: 5 });
    this.#bySourceAndKey = new FailureRateLimiter(opts.perSourceAndKey ?? { capacity: 20, refillPerSecond: 2 });
  }

  /**
   * The refusal of a failed attempt: `failure` itself, counted; or, once the source or the
   * (source, access key) pair is over its limit, a 429 naming the wait, not counted any more.
   */
  refuse(sourceIp: string, accessKey: string | undefined, failure: DewError): DewError {
    const pair = accessKey === undefined ? undefined : `${sourceIp} ${accessKey}`;
    const waitMs = Math.max(this.#bySource.retryAfterMs(sourceIp), pair === undefined ? 0 : this.#bySourceAndKey.retryAfterMs(pair));
    if (waitMs > 0) return TooManyFailedAuthentications(sourceIp, Math.ceil(waitMs / 1000));
    this.#bySource.recordFailure(sourceIp);
    if (pair !== undefined) this.#bySourceAndKey.recordFailure(pair);
    return failure;
  }
}

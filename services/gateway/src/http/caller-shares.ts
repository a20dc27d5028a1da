import type { HeaderMap } from '@dew/aksk';
import { CallerBusy, GatewayBusy, UnverifiedBusy, type DewError } from '@dew/contracts';
import { InFlightLimit, KeyedInFlightLimit } from '@dew/nest-kit';
import type { Identity } from '../auth/identity.js';
import { claimOf, sourceOf } from './caller-key.js';
import { RecentlyVerified } from './recently-verified.js';

export interface ShareLimits {
  /** Requests in progress in all. */
  readonly maxInFlight: number;
  /** Requests in progress of one verified caller (an access key, or a token's user). */
  readonly maxInFlightPerCaller: number;
  /** Requests in progress whose caller IAM has not verified yet. */
  readonly maxInFlightUnverified: number;
}

/**
 * One source's share of the unverified requests: a caller's share, so a new client's first burst
 * (before any of it is verified) gets as far as a verified caller's would.
 */
export const sourceShare = (l: ShareLimits): number => Math.min(l.maxInFlightPerCaller, l.maxInFlightUnverified);

/** A request let in: told once IAM verified its caller, and left exactly once. */
export interface AdmittedRequest {
  verified(identity: Identity): void;
  leave(): void;
}

/**
 * Fair shares of the gateway's requests in progress (docs/input-limits.md, "Connections and work
 * in progress"). A request is counted under its caller only when IAM verified the credential it
 * claims from its source lately (or once it is verified itself); until then it is counted under its
 * source, in a pool of its own. A claim is never trusted before that: keyed by it, a forger would
 * get a share per made-up access key, or fill the share of an access key it knows.
 */
export class CallerShares {
  readonly #total: InFlightLimit;
  readonly #callers: KeyedInFlightLimit;
  readonly #sources: KeyedInFlightLimit;
  /**
   * A verified caller at its share may still go on while fewer requests than this are in progress
   * in all (128 at the defaults): one busy client is not turned away from an idle gateway, and
   * however far it borrows, the unverified pool full beside it still leaves two callers' shares
   * for every other verified caller.
   */
  readonly #borrowBelow: number;

  constructor(
    readonly limits: ShareLimits,
    private readonly verifiedLately = new RecentlyVerified(),
  ) {
    this.#total = new InFlightLimit(limits.maxInFlight);
    this.#callers = new KeyedInFlightLimit(limits.maxInFlight, limits.maxInFlightPerCaller);
    this.#sources = new KeyedInFlightLimit(limits.maxInFlightUnverified, sourceShare(limits));
    this.#borrowBelow = limits.maxInFlight - limits.maxInFlightUnverified - 2 * limits.maxInFlightPerCaller;
  }

  /** Lets the request in, or the refusal naming the limit it met (the family's 503 with Retry-After). */
  admit(headers: HeaderMap, ip: string): AdmittedRequest | DewError {
    const claim = claimOf(headers);
    const source = sourceOf(ip);
    const caller = claim === undefined ? undefined : this.verifiedLately.callerOf(claim, source);
    const [pool, key] = caller === undefined ? [this.#sources, source] : [this.#callers, caller];
    const entry = pool.tryEnter(key, pool === this.#callers && this.#total.inFlight < this.#borrowBelow);
    if (entry !== 'entered') return this.#refusal(pool, entry, key);
    if (!this.#total.tryEnter()) {
      pool.leave(key);
      return GatewayBusy(this.#total.max);
    }
    return this.#held(claim, source, caller);
  }

  /** Requests in progress (in all and not yet verified) and the keys they are counted under. */
  get counts(): { readonly total: number; readonly unverified: number; readonly callerKeys: number; readonly sourceKeys: number } {
    return { total: this.#total.inFlight, unverified: this.#sources.inFlight, callerKeys: this.#callers.keys, sourceKeys: this.#sources.keys };
  }

  #refusal(pool: KeyedInFlightLimit, entry: 'key-full' | 'full', key: string): DewError {
    if (pool === this.#sources) return entry === 'key-full' ? UnverifiedBusy(pool.perKey, true) : UnverifiedBusy(pool.max, false);
    return entry === 'key-full' ? CallerBusy(pool.inFlightOf(key), pool.perKey) : GatewayBusy(this.#total.max);
  }

  #held(claim: string | undefined, source: string, callerAtEntry: string | undefined): AdmittedRequest {
    let caller = callerAtEntry;
    let done = false;
    return {
      verified: (identity) => {
        const verified = claim === undefined ? undefined : callerVerified(claim, identity);
        if (claim === undefined || verified === undefined || done) return;
        this.verifiedLately.remember(claim, source, verified);
        // Out of the unverified pool if the caller's share has room; else it stays counted there.
        if (caller === undefined && this.#callers.tryEnter(verified) === 'entered') {
          this.#sources.leave(source);
          caller = verified;
        }
      },
      leave: () => {
        if (done) return;
        done = true;
        if (caller === undefined) this.#sources.leave(source);
        else this.#callers.leave(caller);
        this.#total.leave();
      },
    };
  }
}

/**
 * The caller a verified identity makes of a claim, when the claim is what IAM verified: the same
 * access key (not one a second Authorization parameter might name), or a token (its user).
 */
function callerVerified(claim: string, identity: Identity): string | undefined {
  if (claim.startsWith('ak:')) return identity.accessKeyId !== '' && claim === `ak:${identity.accessKeyId}` ? claim : undefined;
  return identity.accessKeyId === '' ? `user:${identity.userId}` : undefined;
}

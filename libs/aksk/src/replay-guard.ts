import { DEFAULT_MAX_SKEW_MS } from './verify.js';

export interface ReplayGuardOptions {
  /** The verifier's allowed clock skew; a signature is valid up to this long after its date. */
  skewMs?: number;
  /** Signatures remembered at most; beyond it the oldest is forgotten (and could be replayed). */
  maxEntries?: number;
  /** Milliseconds clock. */
  now?: () => number;
}

/**
 * Refuses a second use of a signature while it could still verify. The caller decides which
 * requests are non-idempotent and passes only those (after the signature verified, so only
 * holders of a valid key can fill the memory).
 */
export class ReplayGuard {
  // Insertion order approximates expiry order; expired entries are dropped from the front and
  // any entry is checked for expiry when it is looked up.
  private readonly expiries = new Map<string, number>();
  private readonly skewMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(opts: ReplayGuardOptions = {}) {
    this.skewMs = opts.skewMs ?? DEFAULT_MAX_SKEW_MS;
    this.maxEntries = opts.maxEntries ?? 100_000;
    this.now = opts.now ?? Date.now;
    if (!(this.skewMs >= 0)) throw new RangeError(`skewMs must be >= 0, got ${this.skewMs}`);
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) throw new RangeError(`maxEntries must be an integer >= 1, got ${this.maxEntries}`);
  }

  get size(): number {
    return this.expiries.size;
  }

  /**
   * True the first time a signature is offered, false on any reuse before it expires.
   * `signedAt` is the request's X-Sdk-Date; without it the signature is kept for two skew
   * windows, since a request first seen now may be dated up to one window ahead.
   */
  tryUse(signature: string, signedAt?: Date): boolean {
    const now = this.now();
    this.dropExpiredFront(now);
    const known = this.expiries.get(signature);
    if (known !== undefined && known > now) return false;
    this.expiries.delete(signature);
    const expiresAt = signedAt === undefined ? now + 2 * this.skewMs : signedAt.getTime() + this.skewMs;
    if (expiresAt <= now) return true;
    this.expiries.set(signature, expiresAt);
    while (this.expiries.size > this.maxEntries) {
      const first = this.expiries.keys().next().value;
      if (first === undefined) break;
      this.expiries.delete(first);
    }
    return true;
  }

  private dropExpiredFront(now: number): void {
    for (const [signature, expiresAt] of this.expiries) {
      if (expiresAt > now) return;
      this.expiries.delete(signature);
    }
  }
}

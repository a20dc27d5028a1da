export interface FailureRateLimiterOptions {
  /** Failures allowed in a burst before the key is blocked. */
  capacity?: number;
  /** Failures forgiven per second. */
  refillPerSecond?: number;
  /** Keys remembered at most; the one whose last failure is oldest goes first. */
  maxEntries?: number;
  /** Milliseconds clock. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token bucket of failed authentications per key (a source IP, or an access key: use one
 * limiter per kind so they do not share memory). A key with no entry has a full bucket, so
 * keys are stored only once they fail, and dropping a refilled entry changes nothing.
 */
export class FailureRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly refillPerSecond: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(opts: FailureRateLimiterOptions = {}) {
    this.capacity = opts.capacity ?? 10;
    this.refillPerSecond = opts.refillPerSecond ?? 1;
    this.maxEntries = opts.maxEntries ?? 10_000;
    this.now = opts.now ?? Date.now;
    if (!(this.capacity >= 1)) throw new RangeError(`capacity must be >= 1, got ${this.capacity}`);
    if (!(this.refillPerSecond > 0)) throw new RangeError(`refillPerSecond must be > 0, got ${this.refillPerSecond}`);
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) throw new RangeError(`maxEntries must be an integer >= 1, got ${this.maxEntries}`);
  }

  get size(): number {
    return this.buckets.size;
  }

  isBlocked(key: string): boolean {
    return this.tokens(key) < 1;
  }

  /** Milliseconds until the key may fail again; 0 when it is not blocked. */
  retryAfterMs(key: string): number {
    const tokens = this.tokens(key);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 1000) / this.refillPerSecond);
  }

  recordFailure(key: string): void {
    const tokens = Math.max(0, this.tokens(key) - 1);
    // Re-inserting keeps the map ordered by last failure, so the first entry is the oldest.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens, at: this.now() });
    while (this.buckets.size > this.maxEntries) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }

  private tokens(key: string): number {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return this.capacity;
    const elapsed = Math.max(0, this.now() - bucket.at);
    const tokens = Math.min(this.capacity, bucket.tokens + (elapsed * this.refillPerSecond) / 1000);
    if (tokens >= this.capacity) this.buckets.delete(key);
    return tokens;
  }
}

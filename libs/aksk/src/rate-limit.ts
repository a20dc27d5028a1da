import { createHash } from 'node:crypto';

export interface FailureRateLimiterOptions {
  /** Failures allowed in a burst before the key is blocked. */
  capacity?: number;
  /** Failures forgiven per second. */
  refillPerSecond?: number;
  /** Keys remembered at most; the one whose last failure is oldest goes first. */
  maxEntries?: number;
  /** Milliseconds clock. */
  now?: () => number;
  /** Longer keys are remembered by their SHA-256 digest, so an entry's size is bounded too. */
  maxKeyLength?: number;
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
  private readonly maxKeyLength: number;

  constructor(opts: FailureRateLimiterOptions = {}) {
    this.capacity = opts.capacity ?? 10;
    this.refillPerSecond = opts.refillPerSecond ?? 1;
    this.maxEntries = opts.maxEntries ?? 10_000;
    this.now = opts.now ?? Date.now;
    this.maxKeyLength = opts.maxKeyLength ?? 128;
    if (!(this.capacity >= 1)) throw new RangeError(`capacity must be >= 1, got ${this.capacity}`);
    if (!(this.refillPerSecond > 0)) throw new RangeError(`refillPerSecond must be > 0, got ${this.refillPerSecond}`);
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) throw new RangeError(`maxEntries must be an integer >= 1, got ${this.maxEntries}`);
    if (!Number.isInteger(this.maxKeyLength) || this.maxKeyLength < 64) throw new RangeError(`maxKeyLength must be an integer >= 64, got ${this.maxKeyLength}`);
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
    this.store(key, Math.max(0, this.tokens(key) - 1));
  }

  /**
   * Counts a failure before the check it guards, so concurrent attempts cannot all pass the
   * `isBlocked` test first; false (nothing counted) when the key is blocked. `release` undoes it.
   */
  tryReserve(key: string): boolean {
    if (this.isBlocked(key)) return false;
    this.recordFailure(key);
    return true;
  }

  /** Gives back a reservation whose check succeeded. */
  release(key: string): void {
    const tokens = this.tokens(key);
    if (tokens < this.capacity) this.store(key, Math.min(this.capacity, tokens + 1));
  }

  /** Whether the key has failures not yet forgiven. */
  hasFailures(key: string): boolean {
    return this.tokens(key) < this.capacity;
  }

  private slot(key: string): string {
    return key.length <= this.maxKeyLength ? key : `sha256:${createHash('sha256').update(key).digest('base64')}`;
  }

  private store(key: string, tokens: number): void {
    const slot = this.slot(key);
    // Re-inserting keeps the map ordered by last change, so the first entry is the oldest.
    this.buckets.delete(slot);
    if (tokens >= this.capacity) return;
    this.buckets.set(slot, { tokens, at: this.now() });
    while (this.buckets.size > this.maxEntries) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }

  private tokens(key: string): number {
    const slot = this.slot(key);
    const bucket = this.buckets.get(slot);
    if (bucket === undefined) return this.capacity;
    const elapsed = Math.max(0, this.now() - bucket.at);
    const tokens = Math.min(this.capacity, bucket.tokens + (elapsed * this.refillPerSecond) / 1000);
    if (tokens >= this.capacity) this.buckets.delete(slot);
    return tokens;
  }
}

export interface RecentlyVerifiedOptions {
  /** How long a verification is remembered after the last one. */
  readonly ttlMs?: number;
  /** Pairs remembered at most; the one verified longest ago goes first. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly caller: string;
  readonly at: number;
}

/**
 * Which claimed credentials IAM verified lately from which source, and the caller each stands for
 * (docs/input-limits.md, "Connections and work in progress"). Only a verified request adds an
 * entry, so forged requests cannot grow it or push a real caller out; it is bounded all the same.
 */
export class RecentlyVerified {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(opts: RecentlyVerifiedOptions = {}) {
    this.#ttlMs = opts.ttlMs ?? 15 * 60_000;
    this.#maxEntries = opts.maxEntries ?? 10_000;
    this.#now = opts.now ?? Date.now;
  }

  /** The caller `claim` from `source` stands for, if IAM verified that pair within the TTL. */
  callerOf(claim: string, source: string): string | undefined {
    const slot = `${claim} ${source}`;
    const entry = this.#entries.get(slot);
    if (entry === undefined) return undefined;
    if (this.#now() - entry.at <= this.#ttlMs) return entry.caller;
    this.#entries.delete(slot);
    return undefined;
  }

  remember(claim: string, source: string, caller: string): void {
    const slot = `${claim} ${source}`;
    // Re-inserting keeps the map ordered by last verification, so the first entry is the oldest.
    this.#entries.delete(slot);
    this.#entries.set(slot, { caller, at: this.#now() });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

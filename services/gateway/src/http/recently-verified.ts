export interface RecentlyVerifiedOptions {
  /** How long a verification is remembered after the last one. */
  readonly ttlMs?: number;
  /** Pairs remembered at most; the one verified longest ago goes first. */
  readonly maxEntries?: number;
  /**
   * Pairs remembered per caller at most; that caller's oldest goes first. One caller verified from
   * many addresses (an IPv6 /48 holds 65,536 /64s), or with many tokens (each its own claim),
   * cannot push every other caller out.
   */
  readonly maxPairsPerCaller?: number;
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
  /** Each caller's slots, oldest verification first. */
  readonly #slotsOf = new Map<string, Set<string>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #maxPairsPerCaller: number;
  readonly #now: () => number;

  constructor(opts: RecentlyVerifiedOptions = {}) {
    this.#ttlMs = opts.ttlMs ?? 15 * 60_000;
    this.#maxEntries = opts.maxEntries ?? 10_000;
    this.#maxPairsPerCaller = opts.maxPairsPerCaller ?? 64;
    this.#now = opts.now ?? Date.now;
  }

  /** The caller `claim` from `source` stands for, if IAM verified that pair within the TTL. */
  callerOf(claim: string, source: string): string | undefined {
    const slot = `${claim} ${source}`;
    const entry = this.#entries.get(slot);
    if (entry === undefined) return undefined;
    if (this.#now() - entry.at <= this.#ttlMs) return entry.caller;
    this.#forget(slot);
    return undefined;
  }

  remember(claim: string, source: string, caller: string): void {
    const slot = `${claim} ${source}`;
    // Re-inserting keeps the maps ordered by last verification, so the first entry is the oldest.
    this.#forget(slot);
    this.#entries.set(slot, { caller, at: this.#now() });
    let slots = this.#slotsOf.get(caller);
    if (!slots) this.#slotsOf.set(caller, (slots = new Set()));
    slots.add(slot);
    if (slots.size > this.#maxPairsPerCaller) this.#forget(slots.values().next().value!);
    if (this.#entries.size > this.#maxEntries) this.#forget(this.#entries.keys().next().value!);
  }

  #forget(slot: string): void {
    const entry = this.#entries.get(slot);
    if (entry === undefined) return;
    this.#entries.delete(slot);
    const slots = this.#slotsOf.get(entry.caller);
    slots?.delete(slot);
    if (slots?.size === 0) this.#slotsOf.delete(entry.caller);
  }

  get size(): number {
    return this.#entries.size;
  }
}

import { ownedSecret } from './owned-secret.js';

/**
 * The clock of every PlaintextCache's lifetimes: monotonic, so neither a step of the wall clock
 * nor a service's settable clock (docs/architecture.md, "Test clock") stretches an entry's life.
 */
export const cacheTime = (): number => performance.now();

export interface PlaintextCacheLimits {
  readonly maxEntries: number;
  /** Plaintext bytes kept at most, all entries together (unbounded when absent). */
  readonly maxBytes?: number;
  readonly lifetimeMs: number;
}

interface Entry {
  /** What the entry belongs to (an account, a secret set): `forgetGroup` drops it. */
  readonly group: string;
  /** The protected form the plaintext was opened from: another form is a miss. */
  readonly form: string;
  readonly plain: Buffer;
  readonly expiresAt: number;
}

/**
 * Plaintexts opened from a protected form (a wrapped SK, a sealed secret value), kept for a
 * moment so a hot one is not opened on every request (docs/iam-security.md, "Unwrapped SKs in
 * memory"; docs/authorization.md, "Values opened for a moment"). An entry answers only for the
 * form it was opened from and only until its own expiry; its group's changes drop it. Bounded in
 * entries and bytes; a dropped plaintext is zeroed. A caller uses a returned buffer synchronously
 * (a later drop zeroes it) and never zeroes, keeps or logs it.
 */
export class PlaintextCache {
  // Insertion order is expiry order while the clock never steps back: every entry lives the same
  // time and is never refreshed (each entry's own expiry is still checked on a hit).
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(private readonly limits: PlaintextCacheLimits) {}

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(id: string, form: string, now: number): Buffer | undefined {
    this.dropExpired(now);
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    if (entry.form === form && entry.expiresAt > now) return entry.plain;
    this.#drop(id, entry);
    return undefined;
  }

  /**
   * Takes `plain` over (zeroed when dropped; kept in memory of its own, see ownedSecret) and gives
   * the kept buffer back for the caller's immediate use.
   * `openedAt`: the time before the opening began, so no entry outlives the decision behind it.
   */
  put(group: string, id: string, form: string, plain: Buffer, openedAt: number): Buffer {
    const previous = this.#entries.get(id);
    if (previous !== undefined) this.#drop(id, previous);
    this.dropExpired(openedAt);
    const maxBytes = this.limits.maxBytes ?? Number.POSITIVE_INFINITY;
    this.#dropOldestWhile(() => this.#entries.size >= this.limits.maxEntries || this.#bytes + plain.length > maxBytes);
    const kept = ownedSecret(plain);
    this.#entries.set(id, { group, form, plain: kept, expiresAt: openedAt + this.limits.lifetimeMs });
    this.#bytes += kept.length;
    return kept;
  }

  /** Something changed in the group: none of its plaintexts is answered from memory any more. */
  forgetGroup(group: string): void {
    for (const [id, entry] of this.#entries) if (entry.group === group) this.#drop(id, entry);
  }

  dropExpired(now: number): void {
    this.#dropOldestWhile((oldest) => oldest.expiresAt <= now);
  }

  clear(): void {
    this.#dropOldestWhile(() => true);
  }

  #dropOldestWhile(shouldDrop: (oldest: Entry) => boolean): void {
    for (const [id, entry] of this.#entries) {
      if (!shouldDrop(entry)) return;
      this.#drop(id, entry);
    }
  }

  #drop(id: string, entry: Entry): void {
    entry.plain.fill(0);
    this.#bytes -= entry.plain.length;
    this.#entries.delete(id);
  }
}

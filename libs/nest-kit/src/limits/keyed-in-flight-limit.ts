/** What `tryEnter` did: let the request in, or refused it because its key holds its share or all is taken. */
export type KeyedEntry = 'entered' | 'key-full' | 'full';

/**
 * An in-flight limit with a share per key (docs/input-limits.md, "Connections and work in
 * progress"): at most `max` requests in all and at most `perKey` under any one key. Every
 * `tryEnter(key)` that returned 'entered' is matched by exactly one `leave` of the same key. A
 * key is forgotten when its count drops to 0, so the map never holds more than `max` keys,
 * whatever keys callers make up.
 */
export class KeyedInFlightLimit {
  readonly #held = new Map<string, number>();
  #count = 0;

  constructor(
    readonly max: number,
    readonly perKey: number,
  ) {
    if (!Number.isSafeInteger(max) || max < 1) throw new Error(`an in-flight limit must be a whole number from 1, got ${max}`);
    if (!Number.isSafeInteger(perKey) || perKey < 1 || perKey > max) throw new Error(`a share per key must be a whole number from 1 to ${max}, got ${perKey}`);
  }

  /**
   * The key's own share is checked first: a caller at its share is told so, whatever the total,
   * unless the owner lets it borrow beyond its share (`mayBorrow`: spare room it worked out).
   */
  tryEnter(key: string, mayBorrow = false): KeyedEntry {
    const held = this.#held.get(key) ?? 0;
    if (held >= this.perKey && !mayBorrow) return 'key-full';
    if (this.#count >= this.max) return 'full';
    this.#held.set(key, held + 1);
    this.#count += 1;
    return 'entered';
  }

  leave(key: string): void {
    const held = this.#held.get(key);
    if (held === undefined) return;
    if (held <= 1) this.#held.delete(key);
    else this.#held.set(key, held - 1);
    this.#count -= 1;
  }

  get inFlight(): number {
    return this.#count;
  }

  inFlightOf(key: string): number {
    return this.#held.get(key) ?? 0;
  }

  /** Keys with at least one request in progress (the size of the map). */
  get keys(): number {
    return this.#held.size;
  }
}

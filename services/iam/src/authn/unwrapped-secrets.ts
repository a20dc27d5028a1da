/** One access key's SK as unwrapped from one wrapped form, until `expiresAt`. */
interface Entry {
  /** The account's stream subject: its events drop the entry. */
  readonly account: string;
  readonly wrapped: string;
  readonly secret: Buffer;
  readonly expiresAt: number;
}

export interface UnwrappedSecretLimits {
  readonly maxEntries: number;
  readonly lifetimeMs: number;
}

/**
 * SKs unwrapped by the root key, kept briefly so a busy access key is not unwrapped on every
 * request (docs/iam-security.md, "Unwrapped SKs in memory"). An entry answers only for the wrapped
 * form it came from (a rotated SK or a rewrapped root key misses), only until its lifetime ends,
 * and only after the caller has found the key usable in the current state; an account's events
 * drop all of its entries. Bounded in size and lifetime; a dropped SK's bytes are zeroed. A caller
 * uses a returned buffer synchronously (a later drop zeroes it) and never zeroes, keeps or logs it.
 */
export class UnwrappedSecrets {
  // Insertion order is expiry order: every entry lives the same time and is never refreshed.
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly limits: UnwrappedSecretLimits) {}

  get size(): number {
    return this.#entries.size;
  }

  get(accessKey: string, wrapped: string, now: number): Buffer | undefined {
    this.dropExpired(now);
    const entry = this.#entries.get(accessKey);
    if (entry === undefined) return undefined;
    // Its own expiry too: insertion order is expiry order only while the clock never steps back.
    if (entry.wrapped === wrapped && entry.expiresAt > now) return entry.secret;
    this.#drop(accessKey, entry);
    return undefined;
  }

  /** Takes `secret` over (it is zeroed when dropped) and gives it back for the caller's immediate use. */
  put(account: string, accessKey: string, wrapped: string, secret: Buffer, now: number): Buffer {
    const previous = this.#entries.get(accessKey);
    if (previous !== undefined) this.#drop(accessKey, previous);
    this.dropExpired(now);
    while (this.#entries.size >= this.limits.maxEntries) this.#dropOldest();
    this.#entries.set(accessKey, { account, wrapped, secret, expiresAt: now + this.limits.lifetimeMs });
    return secret;
  }

  /** Something changed in the account: none of its SKs is answered from memory any more. */
  forgetAccount(account: string): void {
    for (const [accessKey, entry] of this.#entries) if (entry.account === account) this.#drop(accessKey, entry);
  }

  dropExpired(now: number): void {
    for (const [accessKey, entry] of this.#entries) {
      if (entry.expiresAt > now) return;
      this.#drop(accessKey, entry);
    }
  }

  clear(): void {
    for (const [accessKey, entry] of this.#entries) this.#drop(accessKey, entry);
  }

  #dropOldest(): void {
    const first = this.#entries.entries().next();
    if (!first.done) this.#drop(first.value[0], first.value[1]);
  }

  #drop(accessKey: string, entry: Entry): void {
    entry.secret.fill(0);
    this.#entries.delete(accessKey);
  }
}

import { PlaintextCache } from '@dew/crypto';

export interface UnwrappedSecretLimits {
  readonly maxEntries: number;
  readonly lifetimeMs: number;
}

/**
 * SKs unwrapped by the root key, kept briefly so a busy access key is not unwrapped on every
 * request (docs/iam-security.md, "Unwrapped SKs in memory"): a PlaintextCache by access key, the
 * wrapped form as the form (a rotated SK or a rewrapped root key misses), the account's stream
 * subject as the group (its events drop all of its entries). A hit is used only after the caller
 * has found the key usable in the current state.
 */
export class UnwrappedSecrets {
  readonly #cache: PlaintextCache;

  constructor(limits: UnwrappedSecretLimits) {
    this.#cache = new PlaintextCache(limits);
  }

  get size(): number {
    return this.#cache.size;
  }

  get(accessKey: string, wrapped: string, now: number): Buffer | undefined {
    return this.#cache.get(accessKey, wrapped, now);
  }

  /** Takes `secret` over (it is zeroed when dropped) and gives it back for the caller's immediate use. */
  put(account: string, accessKey: string, wrapped: string, secret: Buffer, now: number): Buffer {
    return this.#cache.put(account, accessKey, wrapped, secret, now);
  }

  /** Something changed in the account: none of its SKs is answered from memory any more. */
  forgetAccount(account: string): void {
    this.#cache.forgetGroup(account);
  }

  dropExpired(now: number): void {
    this.#cache.dropExpired(now);
  }

  clear(): void {
    this.#cache.clear();
  }
}

import { PlaintextCache } from '@dew/crypto';

/** Who a value was opened for: KMS's decision on decrypt-datakey was made for this principal. */
export interface ValueReader {
  readonly projectId: string;
  readonly domainId: string;
  readonly userId: string;
}

/** Which value: a version of a secret, as sealed in the state it was read from. */
export interface ValueRef {
  readonly secretId: string;
  readonly versionId: string;
  readonly sealed: string;
}

export interface OpenedValueLimits {
  readonly maxEntries: number;
  /** Plaintext bytes kept at most, all entries together. */
  readonly maxBytes: number;
  readonly lifetimeMs: number;
}

/** An opening under way, joined by the reads of the same reader and sealed form that ask meanwhile. */
interface Opening {
  readonly set: string;
  /** The set changed while it was under way: its value answers the reads that joined, and is not kept. */
  stale: boolean;
}

/**
 * Secret values opened through KMS for a reader, kept for a moment so a hot secret read over and
 * over does not cost a decrypt-datakey (and IAM's decision on it) per read (docs/authorization.md,
 * "Values opened for a moment"): a PlaintextCache by (reader, version), the sealed form as the
 * form, the secret set as the group (its events drop the set's values). Its lifetime counts from
 * before the opening. Reads that miss while the same opening is under way wait for it instead of
 * each opening again (at expiry every read in flight would miss at once).
 */
export class OpenedValues<T> {
  readonly #cache: PlaintextCache;
  readonly #openings = new Map<string, { readonly opening: Opening; readonly value: Promise<T> }>();

  /** `use`: what a read answers, taken synchronously from the plaintext (which may be zeroed right after). */
  constructor(limits: OpenedValueLimits, private readonly use: (plain: Buffer) => T) {
    this.#cache = new PlaintextCache(limits);
  }

  get openings(): number {
    return this.#openings.size;
  }

  /**
   * The value of `ref` for `reader`: as kept, else the opening under way for the same reader and
   * sealed form, else `open()` (which takes `now`, read before it, as its opening time).
   */
  read(set: string, reader: ValueReader, ref: ValueRef, now: number, open: () => Promise<Buffer>): Promise<T> {
    const id = idOf(reader, ref);
    const kept = this.#cache.get(id, ref.sealed, now);
    if (kept !== undefined) return Promise.resolve(this.use(kept));
    const key = `${id}\0${ref.sealed}`;
    const under = this.#openings.get(key);
    if (under !== undefined) return under.value;
    const opening: Opening = { set, stale: false };
    const value = this.#open(opening, id, ref.sealed, now, open).finally(() => {
      if (this.#openings.get(key)?.opening === opening) this.#openings.delete(key);
    });
    this.#openings.set(key, { opening, value });
    return value;
  }

  async #open(opening: Opening, id: string, sealed: string, openedAt: number, open: () => Promise<Buffer>): Promise<T> {
    const plain = await open();
    try {
      return this.use(plain);
    } finally {
      if (opening.stale) plain.fill(0);
      else this.#cache.put(opening.set, id, sealed, plain, openedAt);
    }
  }

  get size(): number {
    return this.#cache.size;
  }

  get bytes(): number {
    return this.#cache.bytes;
  }

  get(reader: ValueReader, ref: ValueRef, now: number): Buffer | undefined {
    return this.#cache.get(idOf(reader, ref), ref.sealed, now);
  }

  /**
   * Takes `plain` over (zeroed when dropped) and gives it back for the caller's immediate use.
   * `openedAt`: the time before the opening began, so no entry outlives the decision behind it.
   */
  put(set: string, reader: ValueReader, ref: ValueRef, plain: Buffer, openedAt: number): Buffer {
    return this.#cache.put(set, idOf(reader, ref), ref.sealed, plain, openedAt);
  }

  /**
   * Something changed in the secret set: none of its values is answered from memory any more, and
   * no later read joins an opening begun before the change (whose value is then not kept).
   */
  forgetSet(set: string): void {
    this.#cache.forgetGroup(set);
    for (const [key, { opening }] of this.#openings) {
      if (opening.set !== set) continue;
      opening.stale = true;
      this.#openings.delete(key);
    }
  }

  dropExpired(now: number): void {
    this.#cache.dropExpired(now);
  }

  clear(): void {
    for (const { opening } of this.#openings.values()) opening.stale = true;
    this.#openings.clear();
    this.#cache.clear();
  }
}

// NUL never occurs in ids, so distinct (reader, version) pairs never share an id.
function idOf(reader: ValueReader, ref: ValueRef): string {
  return `${reader.projectId}\0${reader.domainId}\0${reader.userId}\0${ref.secretId}\0${ref.versionId}`;
}

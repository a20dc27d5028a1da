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

interface Opened {
  /** The secret set (its stream subject) the value came from: that set's events drop it. */
  readonly set: string;
  readonly sealed: string;
  readonly plain: Buffer;
  readonly expiresAt: number;
}

/**
 * Secret values opened through KMS for a reader, kept for a moment so a hot secret read over and
 * over does not cost a decrypt-datakey (and IAM's decision on it) per read (docs/authorization.md,
 * "Values opened for a moment"). An entry answers only the reader it was opened for, only for the
 * sealed form it was opened from, and only until its lifetime (counted from before the opening)
 * ends; its secret set's events drop it. Bounded in entries and bytes; a dropped value is zeroed.
 * A caller uses a returned buffer synchronously (a later drop zeroes it) and never zeroes, keeps
 * or logs it.
 */
export class OpenedValues {
  // Insertion order is expiry order: every entry lives the same time and is never refreshed.
  readonly #entries = new Map<string, Opened>();
  #bytes = 0;

  constructor(private readonly limits: OpenedValueLimits) {}

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(reader: ValueReader, ref: ValueRef, now: number): Buffer | undefined {
    this.dropExpired(now);
    const id = idOf(reader, ref);
    const opened = this.#entries.get(id);
    if (opened === undefined) return undefined;
    if (opened.sealed === ref.sealed) return opened.plain;
    this.#drop(id, opened);
    return undefined;
  }

  /**
   * Takes `plain` over (zeroed when dropped) and gives it back for the caller's immediate use.
   * `openedAt`: the time before the opening began, so no entry outlives the decision behind it.
   */
  put(set: string, reader: ValueReader, ref: ValueRef, plain: Buffer, openedAt: number): Buffer {
    const id = idOf(reader, ref);
    const previous = this.#entries.get(id);
    if (previous !== undefined) this.#drop(id, previous);
    this.dropExpired(openedAt);
    this.#dropOldestWhile(() => this.#entries.size >= this.limits.maxEntries || this.#bytes + plain.length > this.limits.maxBytes);
    this.#entries.set(id, { set, sealed: ref.sealed, plain, expiresAt: openedAt + this.limits.lifetimeMs });
    this.#bytes += plain.length;
    return plain;
  }

  /** Something changed in the secret set: none of its values is answered from memory any more. */
  forgetSet(set: string): void {
    for (const [id, opened] of this.#entries) if (opened.set === set) this.#drop(id, opened);
  }

  dropExpired(now: number): void {
    this.#dropOldestWhile((opened) => opened.expiresAt <= now);
  }

  clear(): void {
    this.#dropOldestWhile(() => true);
  }

  #dropOldestWhile(shouldDrop: (oldest: Opened) => boolean): void {
    for (const [id, opened] of this.#entries) {
      if (!shouldDrop(opened)) return;
      this.#drop(id, opened);
    }
  }

  #drop(id: string, opened: Opened): void {
    opened.plain.fill(0);
    this.#bytes -= opened.plain.length;
    this.#entries.delete(id);
  }
}

// NUL never occurs in ids, so distinct (reader, version) pairs never share an id.
function idOf(reader: ValueReader, ref: ValueRef): string {
  return `${reader.projectId}\0${reader.domainId}\0${reader.userId}\0${ref.secretId}\0${ref.versionId}`;
}

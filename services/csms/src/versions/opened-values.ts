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

/**
 * Secret values opened through KMS for a reader, kept for a moment so a hot secret read over and
 * over does not cost a decrypt-datakey (and IAM's decision on it) per read (docs/authorization.md,
 * "Values opened for a moment"): a PlaintextCache by (reader, version), the sealed form as the
 * form, the secret set as the group (its events drop the set's values). Its lifetime counts from
 * before the opening.
 */
export class OpenedValues {
  readonly #cache: PlaintextCache;

  constructor(limits: OpenedValueLimits) {
    this.#cache = new PlaintextCache(limits);
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

  /** Something changed in the secret set: none of its values is answered from memory any more. */
  forgetSet(set: string): void {
    this.#cache.forgetGroup(set);
  }

  dropExpired(now: number): void {
    this.#cache.dropExpired(now);
  }

  clear(): void {
    this.#cache.clear();
  }
}

// NUL never occurs in ids, so distinct (reader, version) pairs never share an id.
function idOf(reader: ValueReader, ref: ValueRef): string {
  return `${reader.projectId}\0${reader.domainId}\0${reader.userId}\0${ref.secretId}\0${ref.versionId}`;
}

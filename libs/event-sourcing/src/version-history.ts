/** One document as it stood at a stream position. */
export type AtCut<T> =
  | { readonly status: 'present'; readonly seq: number; readonly value: T }
  /** The document did not exist yet at the cut. */
  | { readonly status: 'absent' }
  /** It changed so often since the cut that its version at the cut is no longer kept. */
  | { readonly status: 'unavailable'; readonly oldestKept: number };

/**
 * The last few versions of one document, so a live service can say what a read model held at a
 * stream position taken moments ago (the replay's cut) while it keeps applying newer events.
 * Invariant: versions are kept in increasing sequence order; at most `keep` of them.
 */
export class VersionHistory<T> {
  readonly #versions: Array<{ seq: number; value: T }> = [];
  #dropped = false;

  constructor(private readonly keep = 16) {
    if (keep < 1) throw new Error(`a history keeps at least 1 version, got ${keep}`);
  }

  record(seq: number, value: T): void {
    const last = this.#versions[this.#versions.length - 1];
    if (last && seq <= last.seq) throw new Error(`version ${seq} recorded after version ${last.seq}`);
    this.#versions.push({ seq, value });
    if (this.#versions.length > this.keep) {
      this.#versions.shift();
      this.#dropped = true;
    }
  }

  /** Drops the versions from `seq` on, so they can be recorded again (a state folded anew from there). */
  forgetFrom(seq: number): void {
    while (this.#versions.length > 0 && this.#versions[this.#versions.length - 1]!.seq >= seq) this.#versions.pop();
  }

  get latest(): { seq: number; value: T } | undefined {
    return this.#versions[this.#versions.length - 1];
  }

  at(cut: number): AtCut<T> {
    for (let i = this.#versions.length - 1; i >= 0; i--) {
      const v = this.#versions[i]!;
      if (v.seq <= cut) return { status: 'present', seq: v.seq, value: v.value };
    }
    const oldest = this.#versions[0];
    return this.#dropped && oldest ? { status: 'unavailable', oldestKept: oldest.seq } : { status: 'absent' };
  }
}

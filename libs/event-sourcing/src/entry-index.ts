import { digestDoc, type DocDigest } from './model-digest.js';
import { cutOf, type Cut, type ReadModelView } from './read-model.js';
import { VersionHistory } from './version-history.js';

/**
 * A read model of documents by id fed from one stream (aggregate states by subject, index entries
 * by key), each with its recent versions so it can be viewed at a cut.
 */
export class EntryIndex<V> {
  readonly #entries = new Map<string, VersionHistory<V>>();

  set(id: string, seq: number, value: V): void {
    let history = this.#entries.get(id);
    if (!history) this.#entries.set(id, (history = new VersionHistory<V>()));
    history.record(seq, value);
  }

  /** Drops an entry's versions from `seq` on (VersionHistory.forgetFrom). */
  forgetFrom(id: string, seq: number): void {
    this.#entries.get(id)?.forgetFrom(seq);
  }

  get(id: string): V | undefined {
    return this.#entries.get(id)?.latest?.value;
  }

  view(name: string, stream: string, appliedThrough: (seq: number) => Promise<void>): ReadModelView {
    return {
      name,
      appliedThrough: (cut: Cut) => appliedThrough(cutOf(cut, stream)),
      at: (cut: Cut) => {
        const docs: DocDigest[] = [];
        const unavailable: string[] = [];
        for (const [id, history] of this.#entries) {
          const v = history.at(cutOf(cut, stream));
          if (v.status === 'present') docs.push(digestDoc(id, v.seq, v.value));
          else if (v.status === 'unavailable') unavailable.push(id);
        }
        return { docs, unavailable };
      },
    };
  }
}

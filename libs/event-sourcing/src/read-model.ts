import type { DocDigest } from './model-digest.js';

/** A stream's retained range at the replay's cut (first is above 1 once old messages aged out). */
export interface StreamRange {
  readonly first: number;
  readonly last: number;
}

/** The fixed point of a replay: each stream's range when the replay started. */
export type Cut = Readonly<Record<string, StreamRange>>;

/**
 * A read model as a live service holds it, viewed at a cut (docs/architecture.md, "Event sourcing on JetStream"): the
 * replay tool rebuilds the same model from the streams and compares the two document by document.
 */
export interface ReadModelView {
  /** `<service>.<model>`, the same name the replay tool gives its rebuilt copy. */
  readonly name: string;
  /** Waits until every message of its streams up to the cut has been applied. */
  appliedThrough(cut: Cut): Promise<void>;
  /** `since`: documents older than this time may have aged out of the model; compare from it on. */
  at(cut: Cut): { readonly docs: readonly DocDigest[]; readonly unavailable: readonly string[]; readonly since?: number };
}

export const cutOf = (cut: Cut, stream: string): number => cut[stream]?.last ?? 0;

/** An integrity check a service runs on its own stores (the audit trail's hash chains). */
export interface IntegrityCheck {
  readonly name: string;
  /** What was checked, e.g. "41 chains, 1203 traces". */
  readonly checked: string;
  /** Each problem found, naming the record. */
  readonly problems: readonly string[];
}

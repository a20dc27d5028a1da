/**
 * Messages a stream holds that its readers could not take as written for their subject, and
 * subjects whose state had to be folded again (docs/bus-security.md, "Subjects the server
 * publishes to"; docs/architecture.md, "Cluster mode"). A reader skips such a message and goes
 * on, so a stray message never stops a subject's writes; this record is how it stays loud: the
 * service's health reports it and the service logs each one. Never the message's bytes, which
 * may be anything.
 */
export type StreamAnomalyKind = 'foreign-message' | 'refold' | 'stalled';

export interface StreamAnomaly {
  readonly kind: StreamAnomalyKind;
  readonly stream: string;
  readonly subject: string;
  readonly streamSequence: number;
  readonly reason: string;
}

export interface StreamAnomalyFigures {
  readonly count: number;
  readonly last: StreamAnomaly;
}

type Listener = (anomaly: StreamAnomaly) => void;

const figures = new Map<string, { count: number; last: StreamAnomaly }>();
const listeners = new Set<Listener>();

/** Counts once per (kind, stream, sequence): a message read again (a replay, a re-read) is one anomaly. */
const seen = new Set<string>();
const MAX_SEEN = 10_000;

export function recordStreamAnomaly(anomaly: StreamAnomaly): void {
  const id = `${anomaly.kind}\u0000${anomaly.stream}\u0000${anomaly.streamSequence}`;
  if (seen.has(id)) return;
  if (seen.size >= MAX_SEEN) seen.clear();
  seen.add(id);
  const key = `${anomaly.kind}\u0000${anomaly.stream}`;
  const entry = figures.get(key);
  if (entry) {
    entry.count += 1;
    entry.last = anomaly;
  } else {
    figures.set(key, { count: 1, last: anomaly });
  }
  for (const listener of listeners) listener(anomaly);
}

/** By kind, then stream: how many, and the latest. Empty while the process met none. */
export function streamAnomalies(): Record<string, Record<string, StreamAnomalyFigures>> {
  const out: Record<string, Record<string, StreamAnomalyFigures>> = {};
  for (const { count, last } of figures.values()) (out[last.kind] ??= {})[last.stream] = { count, last };
  return out;
}

export function onStreamAnomaly(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For tests that check what one run recorded. */
export function resetStreamAnomalies(): void {
  figures.clear();
  seen.clear();
}

import type { StreamAnomaly } from '@dew/event-store';

/** The least a logger needs: pino's warn. */
export interface WarnLog {
  warn(fields: object, message: string): void;
}

/** One line per kind and stream at most this often; the rest are counted into the next line. */
export const ANOMALY_LOG_EVERY_MS = 10_000;

const MESSAGE: Readonly<Record<StreamAnomaly['kind'], string>> = {
  refold: 'a subject\'s state was folded again: another writer\'s message came below this process\'s own write',
  'foreign-message': 'a stream message is no event of its subject: skipped',
  stalled: 'a stream\'s subscription stopped delivering while the stream was ahead: made again from the last message applied',
};

/**
 * Logs stream anomalies (libs/event-store/src/stream-anomalies.ts) without letting a flood of
 * stray messages flood the log too: the first of each kind and stream at once, then at most one
 * line every ANOMALY_LOG_EVERY_MS saying how many were met since. Health keeps the full count.
 */
export function anomalyLog(log: WarnLog, now: () => number = Date.now): (anomaly: StreamAnomaly) => void {
  const last = new Map<string, { at: number; unlogged: number }>();
  return (anomaly) => {
    const key = `${anomaly.kind} ${anomaly.stream}`;
    const seen = last.get(key);
    const t = now();
    if (seen && t - seen.at < ANOMALY_LOG_EVERY_MS) {
      seen.unlogged += 1;
      return;
    }
    log.warn({ anomaly, ...(seen && seen.unlogged > 0 ? { alsoMetSinceLastLine: seen.unlogged } : {}) }, MESSAGE[anomaly.kind]);
    last.set(key, { at: t, unlogged: 0 });
  };
}

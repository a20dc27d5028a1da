/** A stream at rest: a record is in the index this long after it arrived, at most. */
export const QUIET_WINDOW_MS = 20;
/** A stream under steady load: the bound on a record's wait while the stream stays busy. */
export const BUSY_WINDOW_MS = 200;
/** A transaction of at least this many traces marks its stream busy (≥ 400 traces/s at 20 ms). */
export const BUSY_BATCH = 8;
const MIN_BATCH = 500;
const MAX_BATCH = 2000;

/**
 * When one stream's pending messages are written, in one transaction. A transaction costs about
 * as much as ten rows whatever it holds (the commit's WAL write), so a busy stream waits longer
 * for bigger ones; a stream at rest keeps the short window (docs/performance.md, "Audit ingest,
 * round 2").
 */
export class CommitWindow {
  #busy = false;

  /** How long the first message of a transaction may wait for the others. */
  get windowMs(): number {
    return this.#busy ? BUSY_WINDOW_MS : QUIET_WINDOW_MS;
  }

  /**
   * Whether to write now, without waiting for the window: once the `pending` traces are as many as
   * the messages the stream still has waiting behind the last (`backlog`; at least MIN_BATCH, at
   * most MAX_BATCH traces), so the further behind the ingest is, the bigger its transactions.
   */
  full(pending: number, backlog: number): boolean {
    return pending >= Math.min(MAX_BATCH, Math.max(MIN_BATCH, backlog));
  }

  /** A transaction of `traces` was written: the next window follows from its size. */
  committed(traces: number): void {
    this.#busy = traces >= BUSY_BATCH;
  }
}

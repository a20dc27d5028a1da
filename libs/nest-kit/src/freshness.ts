import { Injectable } from '@nestjs/common';
import { answerWithin } from './answer-within.js';

/** How long a refusal waits for the streams before the service gives up confirming it. */
const CATCH_UP_BOUND_MS = 2000;

/**
 * What catching up found: something new `applied`; the state already `current` with every stream's
 * end; or `unknown` — a stream could not be asked (a node down) or did not answer within the bound,
 * so the state may still be behind and cannot confirm that something does not exist.
 */
export type CatchUpOutcome = 'applied' | 'current' | 'unknown';

/**
 * Catching up with every stream a service folds, before an answer that a stale state could make
 * wrong: with replicas (docs/architecture.md, "Cluster mode") a resource another replica created
 * a moment ago may not be applied here yet, and "it does not exist" must not rest on that. The
 * transport asks this before a 404 leaves (nats-transport.ts) and asks the handler again only when
 * something new was applied. At most one catch-up runs and one waits: a caller arriving while one
 * runs gets the next, which reads the streams' ends after it arrived; so a flood of unknown ids
 * costs two stream lookups per round trip, not one each.
 */
@Injectable()
export class Freshness {
  readonly #catchUps: Array<() => Promise<boolean>> = [];
  readonly #positions: Array<() => number> = [];
  #running: Promise<CatchUpOutcome> | undefined;
  #next: Promise<CatchUpOutcome> | undefined;

  /** `position`: how far the stream's messages are applied (grows with every message applied). */
  add(catchUp: () => Promise<boolean>, position?: () => number): void {
    this.#catchUps.push(catchUp);
    if (position) this.#positions.push(position);
  }

  /**
   * Where every stream stands, as one number that grows whenever any applies a message. Taken before
   * a handler runs, it lets a catch-up after its 404 tell "applied since the handler looked" even
   * when another caller's catch-up applied it (catchUp's `since`).
   */
  position(): number {
    let sum = 0;
    for (const p of this.#positions) sum += p();
    return sum;
  }

  /** Whether the service folds any stream (the audit service's index follows its own way). */
  get active(): boolean {
    return this.#catchUps.length > 0;
  }

  /**
   * Resolves once every stream is applied up to its last sequence as read after the call (or after
   * the bound), with what that found; never rejects. With `since` (a `position()` taken before the
   * handler that answered 404 ran), anything applied since then counts as applied, whoever's
   * catch-up applied it: a handler that looked at an older state must look again.
   */
  async catchUp(since?: number): Promise<CatchUpOutcome> {
    const outcome = await this.#catchUpShared();
    return outcome === 'current' && since !== undefined && this.position() > since ? 'applied' : outcome;
  }

  #catchUpShared(): Promise<CatchUpOutcome> {
    if (this.#catchUps.length === 0) return Promise.resolve('current');
    if (!this.#running) return this.#start();
    this.#next ??= this.#running.then(() => {
      this.#next = undefined;
      return this.#start();
    });
    return this.#next;
  }

  #start(): Promise<CatchUpOutcome> {
    const run = this.#run().finally(() => {
      if (this.#running === run) this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  #run(): Promise<CatchUpOutcome> {
    const all = Promise.all(this.#catchUps.map((c) => c().then((applied) => (applied ? 'applied' : 'current'), () => 'unknown' as const)))
      .then((outcomes): CatchUpOutcome => (outcomes.includes('unknown') ? 'unknown' : outcomes.includes('applied') ? 'applied' : 'current'));
    return answerWithin(all, CATCH_UP_BOUND_MS, 'unknown');
  }
}

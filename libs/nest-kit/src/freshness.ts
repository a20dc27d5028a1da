import { Injectable } from '@nestjs/common';

/** How long a refusal waits for the streams before it is answered as it was. */
const CATCH_UP_BOUND_MS = 2000;

/**
 * Catching up with every stream a service folds, before an answer that a stale state could make
 * wrong: with replicas (docs/architecture.md, "Cluster mode") a resource another replica created
 * a moment ago may not be applied here yet, and "it does not exist" must not rest on that. The
 * transport asks this once before a 404 leaves (nats-transport.ts). Concurrent askers share one
 * catch-up, so a flood of unknown ids costs one stream lookup per round trip, not one each.
 */
@Injectable()
export class Freshness {
  readonly #catchUps: Array<() => Promise<void>> = [];
  #inFlight: Promise<void> | undefined;

  add(catchUp: () => Promise<void>): void {
    this.#catchUps.push(catchUp);
  }

  /** Whether the service folds any stream (the audit service's index follows its own way). */
  get active(): boolean {
    return this.#catchUps.length > 0;
  }

  /** Resolves once every stream is applied up to its last sequence at the call, or after the bound; never rejects. */
  catchUp(): Promise<void> {
    if (this.#catchUps.length === 0) return Promise.resolve();
    this.#inFlight ??= this.#run().finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  async #run(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, CATCH_UP_BOUND_MS)));
    try {
      // A stream that cannot be asked (a node down) leaves the answer as it was: the refusal stands.
      await Promise.race([Promise.all(this.#catchUps.map((c) => c().catch(() => undefined))), bound]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * A bound on the requests one process works on at once (docs/input-limits.md, "Connections and
 * work in progress"): a request that finds it full is refused at once (503 with Retry-After), so
 * the work waiting in a process never grows without bound. Every `tryEnter` that returned true is
 * matched by exactly one `leave`.
 */
export class InFlightLimit {
  #count = 0;

  constructor(readonly max: number) {
    if (!Number.isSafeInteger(max) || max < 1) throw new Error(`an in-flight limit must be a whole number from 1, got ${max}`);
  }

  tryEnter(): boolean {
    if (this.#count >= this.max) return false;
    this.#count += 1;
    return true;
  }

  leave(): void {
    if (this.#count > 0) this.#count -= 1;
  }

  get inFlight(): number {
    return this.#count;
  }
}

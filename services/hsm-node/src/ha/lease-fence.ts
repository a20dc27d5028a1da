/**
 * How long this node may still act as the lease holder (docs/hsm-appliance.md "Lease"): until the
 * last successful renewal's send time + TTL − margin. The control plane wrote that renewal after
 * it was sent, so the lease lapses for the standby no earlier than this node stops; a renewal
 * that hangs cannot keep the node serving.
 */
export class LeaseFence {
  #validUntil = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly ttlMs: number, private readonly marginMs: number, private readonly onLapse: () => void) {}

  /** A renewal sent at `sentAt` succeeded. */
  renewed(sentAt: number): void {
    this.#validUntil = Math.max(this.#validUntil, sentAt + this.ttlMs - this.marginMs);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.onLapse(), this.#validUntil - Date.now());
  }

  get held(): boolean {
    return Date.now() < this.#validUntil;
  }

  /** Forgets the hold (the lease was lost or released). */
  clear(): void {
    this.#validUntil = 0;
    clearTimeout(this.#timer);
  }
}

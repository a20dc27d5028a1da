/**
 * How long to wait before restarting a process that exited on its own: `baseMs` after a first
 * exit, doubling with each exit in the last `windowMs`, at most `maxMs`; a process that stayed up
 * for the window starts from `baseMs` again. The HSM nodes (docs/hsm.md, "Node restarts") and the
 * services of `make run` (docs/architecture.md, "Supervision") are restarted so.
 */
export class RestartBackoff {
  readonly #exits = new Map<string, number[]>();

  constructor(private readonly baseMs = 1_000, private readonly maxMs = 30_000, private readonly windowMs = 60_000) {}

  /** Records an exit of `node` at `now`; the delay before its restart. */
  next(node: string, now: number): number {
    const recent = (this.#exits.get(node) ?? []).filter((at) => at > now - this.windowMs);
    recent.push(now);
    this.#exits.set(node, recent);
    return Math.min(this.maxMs, this.baseMs * 2 ** (recent.length - 1));
  }

  /** Exits of `node` in the window before `now`. */
  recent(node: string, now: number): number {
    return (this.#exits.get(node) ?? []).filter((at) => at > now - this.windowMs).length;
  }

  forget(node: string): void {
    this.#exits.delete(node);
  }
}

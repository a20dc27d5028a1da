import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';

/**
 * The shape every DEW scheduler shares: one pass at start (work left by a crash or a stop is done
 * first), then one per interval and one right after the test clock moves. Passes never overlap:
 * a timer tick while a pass runs is skipped, and calls to `sweep` while a pass runs share one
 * follow-up pass at the latest time asked for (nothing queues without bound). A failed pass is
 * logged and retried on the next one.
 */
export abstract class PeriodicSweep implements OnApplicationBootstrap, OnModuleDestroy {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | null = null;
  #followUp: { promise: Promise<void>; now: number } | null = null;

  protected constructor(
    protected readonly clock: Clock,
    protected readonly log: Logger,
    private readonly intervalMs: number,
    private readonly name: string,
  ) {}

  /** One pass over the due work at `now`; must be idempotent (another instance may race it). */
  protected abstract sweepOnce(now: number): Promise<void>;

  async onApplicationBootstrap(): Promise<void> {
    this.clock.onTick((now) => this.sweep(now));
    await this.sweep(this.clock.now());
    this.#timer = setInterval(() => {
      if (this.#running === null && this.#followUp === null) void this.sweep(this.clock.now());
    }, this.intervalMs);
    this.#timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.#timer);
    await this.#followUp?.promise;
    await this.#running;
  }

  /** A pass at `now`, or (while one runs) the one follow-up pass that starts when it ends. */
  sweep(now: number): Promise<void> {
    if (this.#followUp) {
      this.#followUp.now = Math.max(this.#followUp.now, now);
      return this.#followUp.promise;
    }
    const running = this.#running;
    if (running === null) return this.#start(now);
    const followUp = { now, promise: Promise.resolve() };
    followUp.promise = running.then(() => {
      this.#followUp = null;
      return this.#start(followUp.now);
    });
    this.#followUp = followUp;
    return followUp.promise;
  }

  #start(now: number): Promise<void> {
    const pass = this.sweepOnce(now)
      .catch((err: unknown) => this.log.error({ err }, `${this.name} failed`))
      .finally(() => {
        if (this.#running === pass) this.#running = null;
      });
    this.#running = pass;
    return pass;
  }
}

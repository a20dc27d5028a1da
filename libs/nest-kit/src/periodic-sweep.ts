import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';

/**
 * The shape every DEW scheduler shares: one pass at start (work left by a crash or a stop is done
 * first), then one per interval and one right after the test clock moves; passes never overlap,
 * and a failed pass is logged and retried on the next one.
 */
export abstract class PeriodicSweep implements OnApplicationBootstrap, OnModuleDestroy {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

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
    this.#timer = setInterval(() => void this.sweep(this.clock.now()), this.intervalMs);
    this.#timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  sweep(now: number): Promise<void> {
    this.#running = this.#running.then(() => this.sweepOnce(now)).catch((err) => this.log.error({ err }, `${this.name} failed`));
    return this.#running;
  }
}

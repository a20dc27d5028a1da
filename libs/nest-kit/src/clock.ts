import { Inject, Injectable } from '@nestjs/common';
import { TestClockDisabled, BadClockAdvance } from '@dew/contracts';
import { SERVICE_SETTINGS, type ServiceSettings } from './config.js';

export type Tick = (now: number) => Promise<void>;

/**
 * The time schedulers and decisions use. Only with DEW_TEST_CLOCK=1 can it be moved, and only
 * forward (docs/architecture.md, "Test clock"); production refuses to move it.
 */
@Injectable()
export class Clock {
  #offsetMs = 0;
  readonly #ticks: Tick[] = [];

  constructor(@Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings) {}

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Schedulers register a tick; it runs on their timer and right after the test clock moves. */
  onTick(tick: Tick): void {
    this.#ticks.push(tick);
  }

  async advance(ms: number): Promise<{ now: number }> {
    if (!this.settings.testClock) throw TestClockDisabled();
    if (!Number.isFinite(ms) || ms < 0) throw BadClockAdvance(ms);
    this.#offsetMs += ms;
    await this.runTicks();
    return { now: this.now() };
  }

  async runTicks(): Promise<void> {
    for (const tick of this.#ticks) await tick(this.now());
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock, PeriodicSweep, PINO } from '@dew/nest-kit';
import { NotifyPasses } from './notify-passes.js';

const INTERVAL_MS = 500;

/** Runs the notifier's passes twice a second and right after the test clock moves (a failed pass is logged and run again). */
@Injectable()
export class Notifier extends PeriodicSweep {
  constructor(private readonly passes: NotifyPasses, clock: Clock, @Inject(PINO) log: Logger) {
    super(clock, log, INTERVAL_MS, 'secret event notifier');
  }

  protected async sweepOnce(now: number): Promise<void> {
    await this.passes.expire(now);
    await this.passes.deliver(now);
  }
}

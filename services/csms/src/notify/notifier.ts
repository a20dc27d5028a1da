import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock, PeriodicSweep, PINO } from '@dew/nest-kit';
import { NotifyPasses } from './notify-passes.js';

const INTERVAL_MS = 500;

/**
 * Marks versions whose expire_time has passed, twice a second and right after the test clock
 * moves; a sweep of its own, so expiry never waits behind webhook deliveries.
 */
@Injectable()
export class VersionExpirySweep extends PeriodicSweep {
  constructor(private readonly passes: NotifyPasses, clock: Clock, @Inject(PINO) log: Logger) {
    super(clock, log, INTERVAL_MS, 'version expiry sweep');
  }

  protected sweepOnce(now: number): Promise<void> {
    return this.passes.expire(now);
  }
}

/** Delivers due notifications twice a second and right after the test clock moves (a tick while a pass runs is skipped). */
@Injectable()
export class Notifier extends PeriodicSweep {
  constructor(private readonly passes: NotifyPasses, clock: Clock, @Inject(PINO) log: Logger) {
    super(clock, log, INTERVAL_MS, 'secret event notifier');
  }

  protected sweepOnce(now: number): Promise<void> {
    return this.passes.deliver(now);
  }
}

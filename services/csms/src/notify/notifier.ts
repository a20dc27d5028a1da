import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock, PeriodicSweep, PINO } from '@dew/nest-kit';
import { NotifyPasses } from './notify-passes.js';

const INTERVAL_MS = 500;

/** A PeriodicSweep (every 500 ms and right after the test clock moves) running one of the notifier's passes. */
function passSweep(name: string, pass: (passes: NotifyPasses, now: number) => Promise<void>) {
  @Injectable()
  class PassSweep extends PeriodicSweep {
    constructor(private readonly passes: NotifyPasses, clock: Clock, @Inject(PINO) log: Logger) {
      super(clock, log, INTERVAL_MS, name);
    }

    protected sweepOnce(now: number): Promise<void> {
      return pass(this.passes, now);
    }
  }
  return PassSweep;
}

/** Marks versions whose expire_time has passed; a sweep of its own, so expiry never waits behind webhook deliveries. */
@Injectable()
export class VersionExpirySweep extends passSweep('version expiry sweep', (passes, now) => passes.expire(now)) {}

/** Delivers due notifications (a tick while a pass runs is skipped). */
@Injectable()
export class Notifier extends passSweep('secret event notifier', (passes, now) => passes.deliver(now)) {}

import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { systemContext } from '@dew/messaging';
import { Clock, PeriodicSweep, PINO } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { PAST_DEADLINE } from './task-failures.js';
import { DEADLINE_SWEEP_INTERVAL_MS, TASK_DEADLINE_MS } from './task-timing.js';

/**
 * Fails the bind tasks RUNNING longer than any live runner takes (docs/kps.md, "Bind tasks"):
 * their runner stopped for good (a replica scaled down, a pod replaced) and no restart under its
 * name will fail them. Every replica runs it on every set: the command decides against the latest
 * state, so a set with no overdue task, or swept by another replica first, decides to nothing,
 * which appends nothing.
 */
@Injectable()
export class DeadlineSweep extends PeriodicSweep {
  constructor(
    private readonly sets: KeypairSets,
    clock: Clock,
    @Inject(PINO) log: Logger,
  ) {
    super(clock, log, DEADLINE_SWEEP_INTERVAL_MS, 'bind task deadline sweep');
  }

  protected async sweepOnce(now: number): Promise<void> {
    const runningBefore = now - TASK_DEADLINE_MS;
    for (const set of [...this.sets.all()]) {
      const ctx = systemContext(`kps-task-deadline-${now}`, '', set.domainId);
      await this.sets.execute(ctx, { type: 'InterruptOverdueTasks', runningBefore, errorCode: PAST_DEADLINE.code, errorMessage: PAST_DEADLINE.message, now });
    }
  }
}

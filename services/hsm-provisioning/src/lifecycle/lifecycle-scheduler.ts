import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { dueSteps } from '@dew/hsm-domain';
import { systemContext } from '@dew/messaging';
import { Clock, PeriodicSweep, PINO } from '@dew/nest-kit';
import { HsmInstanceSets } from '../instances/instance-sets.js';
import { NodeSupervisor } from '../nodes/node-supervisor.js';

const INTERVAL_MS = 30_000;

/**
 * Runs the steps no request makes (docs/hsm.md, "Lifecycle"): installs done, creations due
 * (addresses taken or the creation failed), periods ended (frozen or auto-renewed); then brings
 * the node processes in line. Each step is a command guarded by the set's sequence and its
 * due time, so a replica racing it changes nothing twice.
 */
@Injectable()
export class HsmLifecycleScheduler extends PeriodicSweep {
  constructor(private readonly sets: HsmInstanceSets, private readonly nodes: NodeSupervisor, clock: Clock, @Inject(PINO) log: Logger) {
    super(clock, log, INTERVAL_MS, 'hsm lifecycle sweep');
  }

  protected async sweepOnce(now: number): Promise<void> {
    for (const set of [...this.sets.all()]) {
      for (const step of dueSteps(set, now)) {
        await this.sets.execute(systemContext(`${step.type}-${step.instanceId}-${now}`, set.projectId), step, set.projectId);
      }
    }
    await this.nodes.reconcile();
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DewError } from '@dew/contracts';
import type { Logger } from 'pino';
import { dueForRotation } from '@dew/csms-domain';
import { systemContext, type RequestContext } from '@dew/messaging';
import { Clock, PeriodicSweep, PINO } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { SecretRotations } from './secret-rotations.js';

const INTERVAL_MS = 60_000;

/**
 * Rotates secrets whose next rotation time has come (auto_rotation on): each run is a rotation
 * task (operate_type SCHEDULED). The append is guarded by the set's sequence and the due check is
 * redone on the state it decides on, so a racing instance or a manual rotation does no harm: a
 * rotated secret's next time moves a period on. One failed secret does not stop the others.
 */
@Injectable()
export class SecretRotationScheduler extends PeriodicSweep {
  constructor(
    private readonly sets: SecretSets,
    private readonly rotations: SecretRotations,
    clock: Clock,
    @Inject(PINO) log: Logger,
  ) {
    super(clock, log, INTERVAL_MS, 'secret rotation sweep');
  }

  /** A refusal (the key disabled, say) becomes a FAILED task and the next try a period on; anything else is retried next pass. */
  private async failed(ctx: RequestContext, name: string, err: unknown, now: number): Promise<void> {
    this.log.error({ err, secret: name }, 'scheduled rotation failed');
    if (!(err instanceof DewError) || err.status >= 500) return;
    await this.sets.execute(ctx, { type: 'RecordRotationFailure', name, taskId: randomUUID(), operateType: 'SCHEDULED', errorCode: err.code, errorMessage: err.message, now });
  }

  protected async sweepOnce(now: number): Promise<void> {
    for (const set of [...this.sets.all()]) {
      for (const name of dueForRotation(set, now)) {
        if (!dueForRotation(this.sets.of(set.projectId), now).includes(name)) continue;
        // One request id per secret and due time: a repeat of the same run is dropped, the next run is not.
        const ctx = systemContext(`rotate-secret-${name}-${now}`, set.projectId);
        await this.rotations.rotate(ctx, name, 'SCHEDULED').catch((err: unknown) => this.failed(ctx, name, err, now));
      }
    }
  }
}

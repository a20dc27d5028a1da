import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DewError } from '@dew/contracts';
import type { Logger } from 'pino';
import { dueForRotation, scheduledRunPrincipal, type RotationPrincipal } from '@dew/csms-domain';
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
 * Each run acts as whoever switched auto rotation on, with that user's rights at the time of the
 * run: IAM's decision on create-datakey, then the key's grants and key policy in KMS
 * (docs/authorization.md, "CSMS and KMS"). A refused run is a FAILED task and makes no version.
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

  /** One run as the plan's principal (no principal recorded: refused, a FAILED task). */
  private async runAs(system: RequestContext, projectId: string, name: string): Promise<void> {
    const by = scheduledRunPrincipal(this.sets.of(projectId), name);
    await this.rotations.rotate(actingAs(system, by), name, 'SCHEDULED');
  }

  protected async sweepOnce(now: number): Promise<void> {
    for (const set of [...this.sets.all()]) {
      for (const name of dueForRotation(set, now)) {
        if (!dueForRotation(this.sets.of(set.projectId), now).includes(name)) continue;
        // One request id per secret and due time: a repeat of the same run is dropped, the next run is not.
        const ctx = systemContext(`rotate-secret-${name}-${now}`, set.projectId);
        await this.runAs(ctx, set.projectId, name).catch((err: unknown) => this.failed(ctx, name, err, now));
      }
    }
  }
}

/** DEW's own request on behalf of `by`: no IAM decision of its own (NoAllow), so IAM and KMS decide for `by`. */
function actingAs(system: RequestContext, by: RotationPrincipal): RequestContext {
  return { ...system, userId: by.userId, domainId: by.domainId, userName: by.userName, iamDecision: 'NoAllow' };
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type ScheduleSecretDeletionRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { SecretSets } from './secret-sets.js';
import { secretView } from './views.js';

const RECOVERY_WINDOW_DEFAULT_DAYS = 30;

/** POST secrets/{secret_name}/scheduled-deleted-tasks/create: deleted for good after the recovery window (SecretDeletionScheduler). */
@Controller()
export class ScheduleSecretDeletionController {
  constructor(
    private readonly sets: SecretSets,
    private readonly clock: Clock,
  ) {}

  @Handles(csmsOperations.scheduleSecretDeletion)
  async schedule(@Payload() r: ScheduleSecretDeletionRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.scheduleSecretDeletion>> {
    const days = r.recovery_window_in_days ?? RECOVERY_WINDOW_DEFAULT_DAYS;
    const { secret } = await this.sets.change(ctx, { type: 'ScheduleSecretDeletion', name: r.secret_name, days, now: this.clock.now() });
    return { secret: secretView(this.sets.of(ctx.projectId), secret) };
  }
}

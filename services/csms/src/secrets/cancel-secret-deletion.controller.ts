import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type SecretNameRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { SecretSets } from './secret-sets.js';
import { secretView } from './views.js';

/** POST secrets/{secret_name}/scheduled-deleted-tasks/cancel: the secret is Enabled again. */
@Controller()
export class CancelSecretDeletionController {
  constructor(
    private readonly sets: SecretSets,
    private readonly clock: Clock,
  ) {}

  @Handles(csmsOperations.cancelSecretDeletion)
  async cancel(@Payload() r: SecretNameRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.cancelSecretDeletion>> {
    const { secret } = await this.sets.change(ctx, { type: 'CancelSecretDeletion', name: r.secret_name, now: this.clock.now() });
    return { secret: secretView(this.sets.of(ctx.projectId), secret) };
  }
}

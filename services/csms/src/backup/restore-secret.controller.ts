import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type RestoreSecretRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { secretView } from '../secrets/views.js';
import { SecretBackups } from './secret-backups.js';

/** POST secrets/restore: the secret of a blob, under its name, in the caller's project. */
@Controller()
export class RestoreSecretController {
  constructor(
    private readonly backups: SecretBackups,
    private readonly sets: SecretSets,
  ) {}

  @Handles(csmsOperations.restoreSecret)
  async restore(@Payload() r: RestoreSecretRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.restoreSecret>> {
    const secret = await this.backups.restore(ctx, r.secret_blob);
    return { secret: secretView(this.sets.of(ctx.projectId), secret) };
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type SecretNameRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretSets } from './secret-sets.js';
import { secretView } from './views.js';

/** GET secrets/{secret_name}: also a secret pending deletion. */
@Controller()
export class ShowSecretController {
  constructor(private readonly sets: SecretSets) {}

  @Handles(csmsOperations.showSecret)
  show(@Payload() r: SecretNameRequest, @Caller() ctx: RequestContext): ReplyOf<typeof csmsOperations.showSecret> {
    return { secret: secretView(this.sets.of(ctx.projectId), this.sets.named(ctx, r.secret_name)) };
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type CreateSecretRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { EventRules } from '../notify/event-rules.js';
import { NewSecrets, newSecretOf } from './new-secrets.js';
import { SecretSets } from './secret-sets.js';
import { secretView } from './views.js';

/** POST secrets: a secret and its first version (v1, SYSCURRENT). */
@Controller()
export class CreateSecretController {
  constructor(
    private readonly secrets: NewSecrets,
    private readonly rules: EventRules,
    private readonly sets: SecretSets,
  ) {}

  @Handles(csmsOperations.createSecret)
  async create(@Payload() r: CreateSecretRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.createSecret>> {
    this.rules.checkSubscriptions(ctx, r.event_subscriptions);
    const secret = await this.secrets.create(ctx, newSecretOf(ctx, r), r.kms_key_id, r);
    return { secret: secretView(this.sets.of(ctx.projectId), await this.rules.subscribe(ctx, secret, r.event_subscriptions)) };
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type UpdateSecretRequest } from '@dew/contracts';
import { keyToAuthorise } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Envelope } from '../envelope/envelope.js';
import { EventRules } from '../notify/event-rules.js';
import { rotationRequestOf } from './new-secrets.js';
import { SecretSets } from './secret-sets.js';
import { secretView } from './views.js';

/** PUT secrets/{secret_name}: its description, its KMS key for new versions, or its event_subscriptions. */
@Controller()
export class UpdateSecretController {
  constructor(
    private readonly sets: SecretSets,
    private readonly envelope: Envelope,
    private readonly clock: Clock,
    private readonly rules: EventRules,
  ) {}

  @Handles(csmsOperations.updateSecret)
  async update(@Payload() r: UpdateSecretRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.updateSecret>> {
    const rotation = rotationRequestOf(ctx, r);
    // A new key, or auto rotation switched on (later values sealed as this caller): KMS's full decision first.
    await this.envelope.requireKeyUsable(ctx, keyToAuthorise(this.sets.of(ctx.projectId), r.secret_name, r.kms_key_id, rotation));
    this.rules.checkSubscriptions(ctx, r.event_subscriptions);
    const { secret } = await this.sets.change(ctx, {
      type: 'UpdateSecret',
      name: r.secret_name,
      ...(r.kms_key_id !== undefined ? { kmsKeyId: r.kms_key_id } : {}),
      ...(r.description !== undefined ? { description: r.description } : {}),
      rotation,
      now: this.clock.now(),
    });
    return { secret: secretView(this.sets.of(ctx.projectId), await this.rules.subscribe(ctx, secret, r.event_subscriptions)) };
  }
}

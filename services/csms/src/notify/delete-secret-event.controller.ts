import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type SecretEventNameRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { EventRules } from './event-rules.js';

/** DELETE csms/events/{event_name}: refused while a secret subscribes to it; its signing key is erased. */
@Controller()
export class DeleteSecretEventController {
  constructor(private readonly rules: EventRules) {}

  @Handles(csmsOperations.deleteSecretEvent)
  async delete(@Payload() r: SecretEventNameRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.deleteSecretEvent>> {
    await this.rules.delete(ctx, r.event_name);
    return {};
  }
}

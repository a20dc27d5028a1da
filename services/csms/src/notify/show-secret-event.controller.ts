import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type SecretEventNameRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { EventRules } from './event-rules.js';
import { eventView } from './views.js';

/** GET csms/events/{event_name} (never its signing key). */
@Controller()
export class ShowSecretEventController {
  constructor(private readonly rules: EventRules) {}

  @Handles(csmsOperations.showSecretEvent)
  show(@Payload() r: SecretEventNameRequest, @Caller() ctx: RequestContext): ReplyOf<typeof csmsOperations.showSecretEvent> {
    return { event: eventView(this.rules.named(ctx, r.event_name)) };
  }
}

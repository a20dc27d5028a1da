import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type UpdateSecretEventRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { EventRules } from './event-rules.js';
import { eventView } from './views.js';

/** PUT csms/events/{event_name}: its types, state or webhook. */
@Controller()
export class UpdateSecretEventController {
  constructor(private readonly rules: EventRules) {}

  @Handles(csmsOperations.updateSecretEvent)
  async update(@Payload() r: UpdateSecretEventRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.updateSecretEvent>> {
    return { event: eventView(await this.rules.update(ctx, r)) };
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type CreateSecretEventRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { EventRules } from './event-rules.js';
import { eventView } from './views.js';

/** POST csms/events: a notification rule and, this once, its webhook signing key. */
@Controller()
export class CreateSecretEventController {
  constructor(private readonly rules: EventRules) {}

  @Handles(csmsOperations.createSecretEvent)
  async create(@Payload() r: CreateSecretEventRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.createSecretEvent>> {
    const { rule, signingKey } = await this.rules.create(ctx, r);
    return { event: eventView(rule), signing_key: signingKey };
  }
}

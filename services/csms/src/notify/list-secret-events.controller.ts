import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type ListSecretsRequest } from '@dew/contracts';
import { listEventRules } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { pageInfo, pageQuery } from './page-query.js';
import { eventView } from './views.js';

/** GET csms/events: a page of the project's events by name, after `marker`. */
@Controller()
export class ListSecretEventsController {
  constructor(private readonly sets: SecretSets) {}

  @Handles(csmsOperations.listSecretEvents)
  list(@Payload() r: ListSecretsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof csmsOperations.listSecretEvents> {
    const page = listEventRules(this.sets.of(ctx.projectId), pageQuery(r));
    return { events: page.items.map(eventView), page_info: pageInfo(page) };
  }
}

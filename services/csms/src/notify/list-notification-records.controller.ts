import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type ListSecretsRequest } from '@dew/contracts';
import { listNotificationRecords } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { pageInfo, pageQuery } from './page-query.js';
import { recordView } from './views.js';

/** GET csms/notification-records: delivery attempts, newest first. */
@Controller()
export class ListNotificationRecordsController {
  constructor(private readonly sets: SecretSets) {}

  @Handles(csmsOperations.listNotificationRecords)
  list(@Payload() r: ListSecretsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof csmsOperations.listNotificationRecords> {
    const page = listNotificationRecords(this.sets.of(ctx.projectId), pageQuery(r));
    return { records: page.items.map(recordView), page_info: pageInfo(page) };
  }
}

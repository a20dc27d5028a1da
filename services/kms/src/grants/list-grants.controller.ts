import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type ListGrantsRequest, type ReplyOf } from '@dew/contracts';
import { listGrants } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { grantPage, grantView } from './grant-views.js';

/** list-grants: the grants of one key of the caller's project. */
@Controller()
export class ListGrantsController {
  constructor(private readonly keyrings: Keyrings) {}

  @Handles(kmsOperations.listGrants)
  list(@Payload() req: ListGrantsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.listGrants> {
    const result = listGrants(this.keyrings.of(ctx.projectId), req.key_id, grantPage(req));
    return { grants: result.grants.map(grantView), next_marker: result.nextMarker, truncated: result.truncated ? 'true' : 'false', total: result.total };
  }
}

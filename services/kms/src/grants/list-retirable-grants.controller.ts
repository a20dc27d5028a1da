import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type GrantPageRequest, type ReplyOf } from '@dew/contracts';
import { retirableGrants } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { grantPage, grantView } from './grant-views.js';

/** list-retirable-grants: the grants the caller may retire, on keys of every project. */
@Controller()
export class ListRetirableGrantsController {
  constructor(private readonly keyrings: Keyrings) {}

  @Handles(kmsOperations.listRetirableGrants)
  list(@Payload() req: GrantPageRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.listRetirableGrants> {
    const { limit, marker } = grantPage(req);
    const caller = { userId: ctx.userId, domainId: ctx.domainId };
    const all = [...this.keyrings.all()].flatMap((k) => retirableGrants(k, caller));
    const grants = all.slice(marker, marker + limit);
    const end = marker + grants.length;
    return { grants: grants.map(grantView), next_marker: end < all.length ? String(end) : '', total: all.length, truncated: end < all.length ? 'true' : 'false' };
  }
}

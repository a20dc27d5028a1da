import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ListKeypairsRequest, type ReplyOf } from '@dew/contracts';
import { listVisibleKeypairs } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { optional } from '../optional.js';
import { queryInteger } from '../query-numbers.js';
import { KeypairSets } from './keypair-sets.js';
import { keypairListItem } from './views.js';

/** GET keypairs: the account's pairs and the caller's own, by name, `limit` after `marker`. */
@Controller()
export class ListKeypairsController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.listKeypairs)
  list(@Payload() r: ListKeypairsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kpsOperations.listKeypairs> {
    const page = listVisibleKeypairs(this.sets.of(ctx), ctx.userId, { ...optional('limit', queryInteger('limit', r.limit)), ...optional('marker', r.marker) });
    return {
      keypairs: page.keypairs.map((k) => ({ keypair: keypairListItem(k) })),
      page_info: { ...(page.nextMarker ? { next_marker: page.nextMarker } : {}), ...(r.marker ? { previous_marker: r.marker } : {}), current_count: page.keypairs.length },
    };
  }
}

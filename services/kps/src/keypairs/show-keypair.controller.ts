import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type KeypairNameRequest, type ReplyOf } from '@dew/contracts';
import { boundServerCount, requireVisibleKeypair } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from './keypair-sets.js';
import { keypairDetail } from './views.js';

/** GET keypairs/{keypair_name}. */
@Controller()
export class ShowKeypairController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.showKeypair)
  show(@Payload() r: KeypairNameRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kpsOperations.showKeypair> {
    const set = this.sets.of(ctx);
    const keypair = requireVisibleKeypair(set, ctx.userId, r.keypair_name);
    return { keypair: keypairDetail(keypair, boundServerCount(set, keypair.id)) };
  }
}

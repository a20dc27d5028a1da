import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ReplyOf, type UpdateKeypairRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from './keypair-sets.js';

/** PUT keypairs/{keypair_name}: the description, and DEW's upgrade to an account pair (`scope: domain`). */
@Controller()
export class UpdateKeypairController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.updateKeypair)
  async update(@Payload() r: UpdateKeypairRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.updateKeypair>> {
    const { description, scope } = r.keypair;
    // One command: a refused upgrade must leave the description as it was (a refusal changes nothing).
    await this.sets.execute(ctx, { type: 'UpdateKeypair', userId: ctx.userId, name: r.keypair_name, ...(description !== undefined ? { description } : {}), upgradeScope: scope !== undefined, now: Date.now() });
    return {};
  }
}

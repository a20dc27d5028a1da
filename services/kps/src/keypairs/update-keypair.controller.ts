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
    if (description !== undefined) {
      await this.sets.execute(ctx, { type: 'UpdateKeypairDescription', userId: ctx.userId, name: r.keypair_name, description, now: Date.now() }, 'description');
    }
    if (scope !== undefined) {
      await this.sets.execute(ctx, { type: 'UpgradeKeypairScope', userId: ctx.userId, name: r.keypair_name, now: Date.now() }, 'scope');
    }
    return {};
  }
}

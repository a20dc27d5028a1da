import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type DeleteAliasRequest, type ReplyOf } from '@dew/contracts';
import { decide } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

@Controller()
export class DeleteAliasController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.deleteAlias)
  async delete(@Payload() req: DeleteAliasRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.deleteAlias>> {
    await this.keyrings.execute(ctx, (s) => decide(s, { type: 'DeleteAliases', keyId: req.key_id, aliases: req.aliases, now: this.clock.now() }));
    return {};
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type UpdateKeyAliasRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from './keyrings.js';

@Controller()
export class UpdateKeyAliasController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.updateKeyAlias)
  async rename(@Payload() req: UpdateKeyAliasRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.updateKeyAlias>> {
    const key = await this.keyrings.change(ctx, { type: 'UpdateKeyAlias', keyId: req.key_id, alias: req.key_alias, now: this.clock.now() });
    return { key_info: { key_id: key.keyId, key_alias: key.alias } };
  }
}

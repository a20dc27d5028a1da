import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type DeleteKeyTagRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

/** Removes one tag; answers 204. */
@Controller()
export class DeleteKeyTagController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.deleteKeyTag)
  async remove(@Payload() req: DeleteKeyTagRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.deleteKeyTag>> {
    await this.keyrings.change(ctx, { type: 'RemoveKeyTag', keyId: req.key_id, tagKey: req.tag_key, now: this.clock.now() });
    return {};
  }
}

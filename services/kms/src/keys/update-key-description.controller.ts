import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type UpdateKeyDescriptionRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from './keyrings.js';

@Controller()
export class UpdateKeyDescriptionController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.updateKeyDescription)
  async describe(@Payload() req: UpdateKeyDescriptionRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.updateKeyDescription>> {
    const key = await this.keyrings.change(ctx, { type: 'UpdateKeyDescription', keyId: req.key_id, description: req.key_description, now: this.clock.now() });
    return { key_info: { key_id: key.keyId, key_description: key.description } };
  }
}

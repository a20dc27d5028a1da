import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type UpdateKeyRotationIntervalRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

@Controller()
export class UpdateKeyRotationIntervalController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.updateKeyRotationInterval)
  async update(@Payload() req: UpdateKeyRotationIntervalRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.updateKeyRotationInterval>> {
    await this.keyrings.change(ctx, { type: 'UpdateKeyRotationInterval', keyId: req.key_id, intervalDays: req.rotation_interval, now: this.clock.now() });
    return {};
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { integerField, kmsOperations, type ScheduleKeyDeletionRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from './keyrings.js';
import { keyIdState } from './key-details.js';

@Controller()
export class ScheduleKeyDeletionController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.scheduleKeyDeletion)
  async schedule(@Payload() req: ScheduleKeyDeletionRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.scheduleKeyDeletion>> {
    const pendingDays = integerField('pending_days', req.pending_days);
    return keyIdState(await this.keyrings.change(ctx, { type: 'ScheduleKeyDeletion', keyId: req.key_id, pendingDays, now: this.clock.now() }));
  }
}

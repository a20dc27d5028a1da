import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyOpRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from './keyrings.js';
import { keyIdState } from './key-details.js';

@Controller()
export class CancelKeyDeletionController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.cancelKeyDeletion)
  async cancel(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.cancelKeyDeletion>> {
    return keyIdState(await this.keyrings.change(ctx, { type: 'CancelKeyDeletion', keyId: req.key_id, now: this.clock.now() }));
  }
}

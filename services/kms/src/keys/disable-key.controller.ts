import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyOpRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from './keyrings.js';
import { keyInfoState } from './key-details.js';

@Controller()
export class DisableKeyController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.disableKey)
  async disable(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.disableKey>> {
    return keyInfoState(await this.keyrings.change(ctx, { type: 'DisableKey', keyId: req.key_id, now: this.clock.now() }));
  }
}

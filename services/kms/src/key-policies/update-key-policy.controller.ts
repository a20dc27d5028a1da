import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type PutKeyPolicyRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { putKeyPolicy } from './put-key-policy.js';

/** update-key-policy: replaces the key's policy as a whole (KMS.2803 when it has none). */
@Controller()
export class UpdateKeyPolicyController {
  constructor(private readonly keyrings: Keyrings, private readonly clock: Clock) {}

  @Handles(kmsOperations.updateKeyPolicy)
  update(@Payload() req: PutKeyPolicyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.updateKeyPolicy>> {
    return putKeyPolicy(this.keyrings, ctx, 'UpdateKeyPolicy', req, this.clock.now());
  }
}

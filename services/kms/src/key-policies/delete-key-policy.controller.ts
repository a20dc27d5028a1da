import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyOpRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

/** delete-key-policy: the key goes back to IAM policies and grants alone. */
@Controller()
export class DeleteKeyPolicyController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.deleteKeyPolicy)
  async remove(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.deleteKeyPolicy>> {
    const key = await this.keyrings.change(ctx, { type: 'DeleteKeyPolicy', keyId: req.key_id, now: this.clock.now() });
    return { key_id: key.keyId, policy_name: 'default' };
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type PutKeyPolicyRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { parseKeyPolicy } from './policy-text.js';

/** update-key-policy: replaces the key's policy as a whole (KMS.2803 when it has none). */
@Controller()
export class UpdateKeyPolicyController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.updateKeyPolicy)
  async update(@Payload() req: PutKeyPolicyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.updateKeyPolicy>> {
    const document = parseKeyPolicy(req.policy);
    const key = await this.keyrings.change(ctx, { type: 'UpdateKeyPolicy', keyId: req.key_id, document, now: this.clock.now() });
    return { key_id: key.keyId, policy_name: 'default' };
  }
}

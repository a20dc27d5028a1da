import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type PutKeyPolicyRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { parseKeyPolicy } from './policy-text.js';

/** create-key-policy: the key's first policy (KMS.2802 when it has one). */
@Controller()
export class CreateKeyPolicyController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.createKeyPolicy)
  async create(@Payload() req: PutKeyPolicyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.createKeyPolicy>> {
    const document = parseKeyPolicy(req.policy);
    const key = await this.keyrings.change(ctx, { type: 'CreateKeyPolicy', keyId: req.key_id, document, now: this.clock.now() });
    return { key_id: key.keyId, policy_name: 'default' };
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type PutKeyPolicyRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { putKeyPolicy } from './put-key-policy.js';

/** create-key-policy: the key's first policy (KMS.2802 when it has one). */
@Controller()
export class CreateKeyPolicyController {
  constructor(private readonly keyrings: Keyrings, private readonly clock: Clock) {}

  @Handles(kmsOperations.createKeyPolicy)
  create(@Payload() req: PutKeyPolicyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.createKeyPolicy>> {
    return putKeyPolicy(this.keyrings, ctx, 'CreateKeyPolicy', req, this.clock.now());
  }
}

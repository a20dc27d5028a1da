import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyOpRequest, type ReplyOf } from '@dew/contracts';
import { liveKey } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

/** list-key-policies: the names of the key's policies (none, or `default`). */
@Controller()
export class ListKeyPoliciesController {
  constructor(private readonly keyrings: Keyrings) {}

  @Handles(kmsOperations.listKeyPolicies)
  list(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.listKeyPolicies> {
    const key = liveKey(this.keyrings.of(ctx.projectId), req.key_id);
    const policies = key.policy ? [{ key_id: key.keyId, policy_name: 'default' as const, update_time: String(key.policy.updatedAt) }] : [];
    return { policies, total: policies.length };
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { KeyPolicyNotFound, kmsOperations, type KeyOpRequest, type ReplyOf } from '@dew/contracts';
import { liveKey } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { keyPolicyText } from './policy-text.js';

/** show-key-policy: the key's policy as JSON text. */
@Controller()
export class ShowKeyPolicyController {
  constructor(private readonly keyrings: Keyrings) {}

  @Handles(kmsOperations.showKeyPolicy)
  show(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.showKeyPolicy> {
    const key = liveKey(this.keyrings.of(ctx.projectId), req.key_id);
    if (!key.policy) throw KeyPolicyNotFound(key.keyId);
    return { key_id: key.keyId, policy_name: 'default', policy: keyPolicyText(key.policy.document), update_time: String(key.policy.updatedAt) };
  }
}

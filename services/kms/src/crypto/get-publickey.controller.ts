import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyOpRequest, type ReplyOf } from '@dew/contracts';
import { requireUsableKey } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { publicKeyPem } from './signing.js';

/** get-publickey: only an Enabled key answers its public key (K4: only Enabled keys do crypto). */
@Controller()
export class GetPublicKeyController {
  constructor(private readonly keyrings: Keyrings) {}

  @Handles(kmsOperations.getPublicKey)
  publicKey(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.getPublicKey> {
    const key = requireUsableKey(this.keyrings.of(ctx.projectId), req.key_id);
    return { key_id: key.keyId, public_key: publicKeyPem(key) };
  }
}

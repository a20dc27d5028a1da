import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type DeriveSharedSecretRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeyAgreement } from './key-agreement.js';

/** derive-shared-secret: ECDH of the key's private key and the peer's public key (./key-agreement.ts). */
@Controller()
export class DeriveSharedSecretController {
  constructor(private readonly agreement: KeyAgreement) {}

  @Handles(kmsOperations.deriveSharedSecret)
  derive(@Payload() req: DeriveSharedSecretRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.deriveSharedSecret>> {
    return this.agreement.derive(req, ctx, kmsOperations.deriveSharedSecret);
  }
}

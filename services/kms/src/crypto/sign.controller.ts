import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type SignRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { UsableKeys } from './usable-key.js';
import { Signing, SIGNING_AUDITED, signFor } from './signing.js';

const row = kmsOperations.sign;

/** sign: a signature of the message or digest with the key's private key (./signing.ts); audited. */
@Controller()
export class SignController {
  constructor(
    private readonly signing: Signing,
    private readonly keys: UsableKeys,
  ) {}

  @Handles(kmsOperations.sign)
  async sign(@Payload() req: SignRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.sign>> {
    const call = await this.signing.prepare(req, ctx, row);
    const { usable } = call;
    const signature = await signFor(call);
    await this.keys.recordUse(ctx, row, usable, req, SIGNING_AUDITED);
    return { key_id: usable.key.keyId, signature: signature.toString('base64') };
  }
}

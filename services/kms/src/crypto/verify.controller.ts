import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type VerifyRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { UsableKeys } from './usable-key.js';
import { Signing, SIGNING_AUDITED, verifyFor } from './signing.js';
import { fromBase64 } from './wire.js';

const row = kmsOperations.verify;

/** verify: whether the signature fits the message or digest under the key's public key (./signing.ts); audited. */
@Controller()
export class VerifyController {
  constructor(
    private readonly signing: Signing,
    private readonly keys: UsableKeys,
  ) {}

  @Handles(kmsOperations.verify)
  async verify(@Payload() req: VerifyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.verify>> {
    const call = await this.signing.prepare(req, ctx, row);
    const { usable } = call;
    const valid = await verifyFor(call, fromBase64('signature', req.signature));
    await this.keys.recordUse(ctx, row, usable, req, SIGNING_AUDITED);
    return { key_id: usable.key.keyId, signature_valid: valid ? 'true' : 'false' };
  }
}

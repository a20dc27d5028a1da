import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type GenerateMacRequest, type ReplyOf } from '@dew/contracts';
import { computeMac } from '@dew/crypto';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { UsableKeys } from './usable-key.js';
import { MAC_AUDITED, Macs } from './mac.js';

const row = kmsOperations.generateMac;

/** generate-mac: the HMAC of the message under the key's newest version (./mac.ts); audited. */
@Controller()
export class GenerateMacController {
  constructor(
    private readonly macs: Macs,
    private readonly keys: UsableKeys,
  ) {}

  @Handles(kmsOperations.generateMac)
  async generate(@Payload() req: GenerateMacRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.generateMac>> {
    const { usable, secret, algorithm, message } = await this.macs.prepare(req, ctx, row);
    const mac = computeMac(secret, algorithm, message);
    await this.keys.recordUse(ctx, row, usable, req, MAC_AUDITED);
    return { key_id: usable.key.keyId, mac_algorithm: algorithm, mac: mac.toString('base64') };
  }
}

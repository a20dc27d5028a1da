import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type VerifyMacRequest, type ReplyOf } from '@dew/contracts';
import { verifyMac } from '@dew/crypto';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { UsableKeys } from './usable-key.js';
import { MAC_AUDITED, Macs } from './mac.js';
import { fromBase64 } from './wire.js';

const row = kmsOperations.verifyMac;

/** verify-mac: whether the mac is the message's HMAC under a version of the key (./mac.ts), compared in constant time; audited. */
@Controller()
export class VerifyMacController {
  constructor(
    private readonly macs: Macs,
    private readonly keys: UsableKeys,
  ) {}

  @Handles(kmsOperations.verifyMac)
  async verify(@Payload() req: VerifyMacRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.verifyMac>> {
    const mac = fromBase64('mac', req.mac);
    const { usable, algorithm, message } = await this.macs.prepare(req, ctx, row);
    // Every version is checked (no early exit), so the time taken does not tell which one matched.
    const results = (await this.macs.allVersions(usable)).map((secret) => verifyMac(secret, algorithm, message, mac));
    const valid = results.includes(true);
    await this.keys.recordUse(ctx, row, usable, req, MAC_AUDITED);
    return { key_id: usable.key.keyId, mac_algorithm: algorithm, mac_valid: valid };
  }
}

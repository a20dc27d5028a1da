import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { dhsmOperations, type HsmInstanceIdRequest, type ReplyOf } from '@dew/contracts';
import { requireInstance } from '@dew/hsm-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { HsmInstanceSets } from '../instances/instance-sets.js';
import { UkeyVault } from './ukey-vault.js';

/**
 * POST dew-hsm/instances/{instance_id}/ukey: the UKey's private half, once (docs/hsm.md, "UKey").
 * The download is recorded first (the expected sequence lets one of two racing calls win), then
 * the sealed copy is removed: the answer holds the only copy left.
 */
@Controller()
export class DownloadHsmUkeyController {
  constructor(private readonly sets: HsmInstanceSets, private readonly clock: Clock, private readonly ukeys: UkeyVault) {}

  @Handles(dhsmOperations.downloadHsmUkey)
  async download(@Payload() r: HsmInstanceIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof dhsmOperations.downloadHsmUkey>> {
    const ukey = requireInstance(this.sets.of(ctx.projectId), r.instance_id).ukey;
    const privateKey = ukey ? await this.ukeys.privateHalf(ukey.fingerprint) : undefined;
    await this.sets.execute(ctx, { type: 'DownloadHsmUkey', instanceId: r.instance_id, kept: privateKey !== undefined, now: this.clock.now() });
    // The decision refused every instance without a UKey or without its private half.
    this.ukeys.discard(ukey!.fingerprint);
    return { instance_id: r.instance_id, algorithm: 'ED25519', public_key: ukey!.publicKey, private_key: privateKey!, fingerprint: ukey!.fingerprint };
  }
}

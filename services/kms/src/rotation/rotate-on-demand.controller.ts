import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyOpRequest, type ReplyOf } from '@dew/contracts';
import { liveKey } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { NewVersions } from '../crypto/new-version.js';

/** rotate-on-demand: a new version of the key's material, now. */
@Controller()
export class RotateOnDemandController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly versions: NewVersions,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.rotateOnDemand)
  async rotate(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.rotateOnDemand>> {
    const material = await this.versions.next(liveKey(this.keyrings.of(ctx.projectId), req.key_id));
    await this.keyrings.change(ctx, { type: 'RotateKey', keyId: req.key_id, now: this.clock.now(), material, trigger: 'on-demand' });
    return { key_id: req.key_id };
  }
}

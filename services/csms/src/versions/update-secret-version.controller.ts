import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type UpdateSecretVersionRequest } from '@dew/contracts';
import { resolveVersion } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { versionMetadata } from '../secrets/views.js';

/** PUT secrets/{secret_name}/versions/{version_id}: its expiry (seconds on the wire). */
@Controller()
export class UpdateSecretVersionController {
  constructor(
    private readonly sets: SecretSets,
    private readonly clock: Clock,
  ) {}

  @Handles(csmsOperations.updateSecretVersion)
  async update(@Payload() r: UpdateSecretVersionRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.updateSecretVersion>> {
    const { secret } = await this.sets.change(ctx, { type: 'UpdateVersionExpiry', name: r.secret_name, versionId: r.version_id, expireTime: r.expire_time * 1000, now: this.clock.now() });
    return { version_metadata: versionMetadata(secret, resolveVersion(secret, r.version_id)) };
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type CreateSecretVersionRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { versionMetadata } from '../secrets/views.js';
import { SecretVersions } from './secret-versions.js';

/** POST secrets/{secret_name}/versions: a new value, SYSCURRENT unless other stages are named. */
@Controller()
export class CreateSecretVersionController {
  constructor(private readonly versions: SecretVersions) {}

  @Handles(csmsOperations.createSecretVersion)
  async create(@Payload() r: CreateSecretVersionRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.createSecretVersion>> {
    const { secret, version } = await this.versions.add(ctx, {
      name: r.secret_name,
      ...(r.version_stages !== undefined ? { stages: r.version_stages } : {}),
      ...(r.expire_time !== undefined ? { expireTime: r.expire_time * 1000 } : {}),
    }, r);
    return { version_metadata: versionMetadata(secret, version) };
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type SecretVersionRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { versionMetadata } from '../secrets/views.js';
import { SecretVersions } from './secret-versions.js';

/** GET secrets/{secret_name}/versions/{version_id}: the value (`latest` names the newest), audited. */
@Controller()
export class ShowSecretVersionController {
  constructor(private readonly versions: SecretVersions) {}

  @Handles(csmsOperations.showSecretVersion)
  async show(@Payload() r: SecretVersionRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.showSecretVersion>> {
    const { secret, version, value } = await this.versions.read(ctx, r);
    return { version: { version_metadata: versionMetadata(secret, version), ...value } };
  }
}

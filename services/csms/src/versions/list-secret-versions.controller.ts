import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type SecretNameRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { versionMetadata } from '../secrets/views.js';

/** GET secrets/{secret_name}/versions: every version's metadata, newest first, in one page. */
@Controller()
export class ListSecretVersionsController {
  constructor(private readonly sets: SecretSets) {}

  @Handles(csmsOperations.listSecretVersions)
  list(@Payload() r: SecretNameRequest, @Caller() ctx: RequestContext): ReplyOf<typeof csmsOperations.listSecretVersions> {
    const secret = this.sets.usable(ctx, r.secret_name);
    const newestFirst = [...secret.versions].reverse();
    return { version_metadatas: newestFirst.map((v) => versionMetadata(secret, v)), page_info: { next_marker: null, previous_marker: null, current_count: secret.versions.length } };
  }
}

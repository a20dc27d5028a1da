import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type SecretIdRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';

/** GET csms/{secret_id}/tags: the secret's tags (DEW has no system tags). */
@Controller()
export class ShowSecretTagsController {
  constructor(private readonly sets: SecretSets) {}

  @Handles(csmsOperations.showSecretTags)
  show(@Payload() r: SecretIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof csmsOperations.showSecretTags> {
    return { tags: this.sets.withId(ctx, r.secret_id).tags, sys_tags: [] };
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type ListProjectSecretTagsRequest } from '@dew/contracts';
import { projectSecretTags } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';

/** GET csms/tags: every tag key of the project's secrets with its values. */
@Controller()
export class ListProjectSecretTagsController {
  constructor(private readonly sets: SecretSets) {}

  @Handles(csmsOperations.listProjectSecretTags)
  list(@Payload() _r: ListProjectSecretTagsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof csmsOperations.listProjectSecretTags> {
    return { tags: projectSecretTags(this.sets.of(ctx.projectId)) };
  }
}

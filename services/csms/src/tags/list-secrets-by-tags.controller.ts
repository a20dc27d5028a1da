import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type ListSecretsByTagsRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { secretsByTags } from './tag-search.js';

/** POST csms/resource_instances/action: secrets by their tags, a page (`filter`) or a number (`count`). */
@Controller()
export class ListSecretsByTagsController {
  constructor(private readonly sets: SecretSets) {}

  @Handles(csmsOperations.listSecretsByTags)
  list(@Payload() r: ListSecretsByTagsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof csmsOperations.listSecretsByTags> {
    return secretsByTags(this.sets.of(ctx.projectId), r);
  }
}

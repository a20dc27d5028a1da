import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type ReplyOf } from '@dew/contracts';
import { projectTags } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

/** Every tag key of the project's keys with its values. */
@Controller()
export class ListProjectTagsController {
  constructor(private readonly keyrings: Keyrings) {}

  /** The row takes no body; `@Payload` keeps the transport's refusal of a body that is not JSON. */
  @Handles(kmsOperations.listProjectTags)
  list(@Payload() _query: unknown, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.listProjectTags> {
    return { tags: projectTags(this.keyrings.of(ctx.projectId)) };
  }
}

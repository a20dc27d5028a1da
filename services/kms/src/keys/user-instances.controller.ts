import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from './keyrings.js';

/** The number of user keys of the caller's project (default keys do not count). */
@Controller()
export class UserInstancesController {
  constructor(private readonly keyrings: Keyrings) {}

  /** The row takes no body; `@Payload` keeps the transport's refusal of a body that is not JSON. */
  @Handles(kmsOperations.userInstances)
  count(@Payload() _query: unknown, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.userInstances> {
    return { instance_num: this.keyrings.of(ctx.projectId).userKeys };
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ListTasksRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';

/** DELETE failed-tasks: every failed task of the project. */
@Controller()
export class DeleteAllFailedTasksController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.deleteAllFailedTasks)
  async delete(@Payload() _r: ListTasksRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.deleteAllFailedTasks>> {
    await this.sets.execute(ctx, { type: 'DeleteFailedTasks', projectId: ctx.projectId, now: Date.now() });
    return {};
  }
}

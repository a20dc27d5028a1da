import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ReplyOf, type TaskIdRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';

/** DELETE failed-tasks/{task_id}. */
@Controller()
export class DeleteFailedTaskController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.deleteFailedTask)
  async delete(@Payload() r: TaskIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.deleteFailedTask>> {
    await this.sets.execute(ctx, { type: 'DeleteFailedTask', projectId: ctx.projectId, taskId: r.task_id, now: Date.now() });
    return {};
  }
}

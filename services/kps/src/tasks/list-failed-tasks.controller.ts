import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ListTasksRequest, type ReplyOf } from '@dew/contracts';
import { failedTasks } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { queryInteger, TASK_LIST_DEFAULT } from '../query-numbers.js';
import { failedTaskView } from './task-views.js';

/** GET failed-tasks: the project's failed tasks with their cause. */
@Controller()
export class ListFailedTasksController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.listFailedTasks)
  list(@Payload() r: ListTasksRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kpsOperations.listFailedTasks> {
    const set = this.sets.of(ctx);
    const page = failedTasks(set, ctx.projectId, { limit: queryInteger('limit', r.limit) ?? TASK_LIST_DEFAULT, offset: queryInteger('offset', r.offset) ?? 0 });
    return { total: page.total, tasks: page.tasks.map((t) => failedTaskView(set, t)) };
  }
}

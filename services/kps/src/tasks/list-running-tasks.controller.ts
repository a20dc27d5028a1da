import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ListTasksRequest, type ReplyOf } from '@dew/contracts';
import { runningTasks } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { queryInteger, TASK_LIST_DEFAULT } from '../query-numbers.js';
import { runningTaskView } from './task-views.js';

/** GET running-tasks: READY and RUNNING tasks of the project. */
@Controller()
export class ListRunningTasksController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.listRunningTasks)
  list(@Payload() r: ListTasksRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kpsOperations.listRunningTasks> {
    const set = this.sets.of(ctx);
    const page = runningTasks(set, ctx.projectId, { limit: queryInteger('limit', r.limit) ?? TASK_LIST_DEFAULT, offset: queryInteger('offset', r.offset) ?? 0 });
    return { total: page.total, tasks: page.tasks.map((t) => runningTaskView(set, t)) };
  }
}

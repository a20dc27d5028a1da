import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ReplyOf, type TaskIdRequest } from '@dew/contracts';
import { BindTaskNotFound } from '@dew/contracts';
import { findProjectTask } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { taskStatus } from './task-views.js';

/** GET tasks/{task_id}. */
@Controller()
export class ShowTaskController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.showTask)
  show(@Payload() r: TaskIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kpsOperations.showTask> {
    const task = findProjectTask(this.sets.of(ctx), ctx.projectId, r.task_id);
    if (!task) throw BindTaskNotFound(r.task_id);
    return { server_id: task.serverId, task_id: task.id, task_status: taskStatus(task) };
  }
}

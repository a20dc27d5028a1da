import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ListRotationTasksRequest, type ReplyOf } from '@dew/contracts';
import { listRotationTasks, type RotationTask } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';

/** The SDK's `SecretTask` (time in int64 seconds; DEW runs no FunctionGraph function, so no urn). */
const taskView = (t: RotationTask) => ({
  task_id: t.taskId,
  secret_name: t.secretName,
  rotation_func_urn: '',
  task_status: t.status,
  attempt_nums: t.attempts,
  operate_type: t.operateType,
  task_time: Math.floor(t.at / 1000),
  task_error_code: t.errorCode,
  task_error_msg: t.errorMessage,
});

/** GET csms/tasks: the project's rotation runs, newest first, by secret, status or id. */
@Controller()
export class ListRotationTasksController {
  constructor(private readonly sets: SecretSets) {}

  @Handles(csmsOperations.listRotationTasks)
  list(@Payload() r: ListRotationTasksRequest, @Caller() ctx: RequestContext): ReplyOf<typeof csmsOperations.listRotationTasks> {
    const page = listRotationTasks(this.sets.of(ctx.projectId), {
      ...(r.secret_name !== undefined ? { secretName: r.secret_name } : {}),
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.task_id !== undefined ? { taskId: r.task_id } : {}),
      ...(r.limit !== undefined ? { limit: Number(r.limit) } : {}),
      ...(r.marker !== undefined ? { marker: r.marker } : {}),
    });
    return { total: page.total, tasks: page.tasks.map(taskView), next_marker: page.nextMarker };
  }
}

import type { FailedTaskReply, RunningTaskReply } from '@dew/contracts';
import type { KeypairSet, Task } from '@dew/kps-domain';

/** `task_status`: READY_/RUNNING_/FAILED_/SUCCESS_ + the operation. */
export const taskStatus = (t: Task): string => `${t.status}_${t.operation}`;

export function runningTaskView(set: KeypairSet, t: Task): RunningTaskReply {
  return {
    task_id: t.id, operate_type: taskStatus(t), task_time: new Date(t.startedAt).toISOString(),
    server_name: set.servers.get(t.serverId)?.name ?? '', server_id: t.serverId, keypair_name: t.keypairName,
  };
}

export function failedTaskView(set: KeypairSet, t: Task): FailedTaskReply {
  return { ...runningTaskView(set, t), task_error_code: t.errorCode ?? '', task_error_msg: t.errorMessage ?? '' };
}

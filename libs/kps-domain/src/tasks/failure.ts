import type { Instant } from '@dew/decider';
import { checkedText, cutText } from '../rules/text.js';
import type { Task } from '../state/keypair-set.js';
import type { BindTaskFailed } from './events.js';

export const TASK_ERROR_CODE_MAX = 64;
/** A longer failure message is cut: the task must end whatever the service had to say. */
export const TASK_ERROR_MESSAGE_MAX = 1024;

/** Why a task failed, as the service words it (free of credentials). */
export interface TaskFailure {
  readonly errorCode: string;
  readonly errorMessage: string;
}

export function checkedFailure(failure: TaskFailure): TaskFailure {
  return {
    errorCode: checkedText('error_code', failure.errorCode, { min: 1, max: TASK_ERROR_CODE_MAX }),
    errorMessage: cutText('error_message', failure.errorMessage, TASK_ERROR_MESSAGE_MAX),
  };
}

export function taskFailed(task: Task, failure: TaskFailure, at: Instant): BindTaskFailed {
  return { type: 'BindTaskFailed', taskId: task.id, errorCode: failure.errorCode, errorMessage: failure.errorMessage, at };
}

/** SUCCESS or FAILED: its outcome is recorded, and the first one recorded stands. */
export function hasEnded(task: Task): boolean {
  return task.status === 'SUCCESS' || task.status === 'FAILED';
}

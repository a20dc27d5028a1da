import type { Instant } from '@dew/decider';
import { assertNever } from '@dew/decider';
import { changeServer, changeTask, unbound, withTask, withoutTasks, type KeypairSet, type Task } from '../state/keypair-set.js';
import type { BindTaskStarted, TaskEvent, UnbindTaskStarted } from './events.js';

function addTask(state: KeypairSet, e: BindTaskStarted | UnbindTaskStarted): KeypairSet {
  if (state.tasks.has(e.taskId)) return state;
  const task: Task = {
    id: e.taskId,
    projectId: e.projectId,
    serverId: e.serverId,
    keypairName: e.keypairName,
    keypairId: e.keypairId,
    operation: e.operation,
    status: e.status,
    disablePassword: e.disablePassword,
    errorCode: null,
    errorMessage: null,
    startedAt: e.at,
    runningSince: e.status === 'RUNNING' ? e.at : null,
    runner: e.status === 'RUNNING' ? (e.runner ?? null) : null,
    finishedAt: null,
  };
  return withTask(state, task);
}

function succeeded(state: KeypairSet, taskId: string, at: Instant): KeypairSet {
  return changeTask(state, taskId, (t) => ({ ...t, status: 'SUCCESS', finishedAt: at }));
}

export function evolveTasks(state: KeypairSet, event: TaskEvent): KeypairSet {
  switch (event.type) {
    case 'BindTaskStarted':
    case 'UnbindTaskStarted':
      return addTask(state, event);
    case 'BindTaskRunning':
      return changeTask(state, event.taskId, (t) => ({ ...t, status: 'RUNNING', runningSince: event.at, runner: event.runner ?? null }));
    case 'KeypairBound':
      return changeServer(succeeded(state, event.taskId, event.at), event.serverId, (s) => ({
        ...s,
        keypairName: event.keypairName,
        keypairId: event.keypairId,
        updatedAt: event.at,
      }));
    case 'KeypairUnbound':
      return changeServer(succeeded(state, event.taskId, event.at), event.serverId, (s) =>
        s.keypairId === event.keypairId ? unbound(s, event.at) : s,
      );
    case 'BindTaskFailed':
      return changeTask(state, event.taskId, (t) => ({
        ...t,
        status: 'FAILED',
        errorCode: event.errorCode,
        errorMessage: event.errorMessage,
        finishedAt: event.at,
      }));
    case 'FailedTaskDeleted':
      return withoutTasks(state, [event.taskId]);
    case 'FailedTasksDeleted':
      return withoutTasks(state, event.taskIds);
    default:
      return assertNever(event);
  }
}

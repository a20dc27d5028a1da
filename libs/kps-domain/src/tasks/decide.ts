import { BindTaskNotInStatus, FailedTaskNotFound, ServerStatusForbids } from '@dew/contracts';
import type { Instant } from '@dew/decider';
import { assertNever } from '@dew/decider';
import { validateHostKey } from '../rules/openssh.js';
import { hostKeyPinEvents } from '../servers/decide.js';
import type { ServerHostKeyPinned } from '../servers/events.js';
import { requireServer, requireTask } from '../state/guards.js';
import type { KeypairSet, Server, Task } from '../state/keypair-set.js';
import { compareText } from '../state/queries.js';
import type { TaskEvent } from './events.js';
import { checkedFailure, hasEnded, taskFailed, type TaskFailure } from './failure.js';
import { interruptOverdueTasks, interruptRunnerTasks, type InterruptOverdueTasks, type InterruptRunnerTasks } from './interrupt.js';
import { checkedRunner } from './runner.js';
import { startBindTask, startUnbindTask, type StartBindTask, type StartUnbindTask } from './start.js';

/** The service runs a READY task when its server is Running again. */
export interface RunReadyTask {
  readonly type: 'RunReadyTask';
  readonly taskId: string;
  /** The KPS process that runs it (docs/kps.md, "Bind tasks"). */
  readonly runner: string;
  readonly now: Instant;
}
/** The service's SSH work succeeded; `hostKey` is the key the server showed. */
export interface CompleteTask {
  readonly type: 'CompleteTask';
  readonly taskId: string;
  readonly hostKey: string | null;
  readonly now: Instant;
}
/** A READY task that cannot run, or a RUNNING one whose SSH work failed. */
export interface FailTask extends TaskFailure {
  readonly type: 'FailTask';
  readonly taskId: string;
  readonly now: Instant;
}
export interface DeleteFailedTask {
  readonly type: 'DeleteFailedTask';
  readonly projectId: string;
  readonly taskId: string;
  readonly now: Instant;
}
export interface DeleteFailedTasks {
  readonly type: 'DeleteFailedTasks';
  readonly projectId: string;
  readonly now: Instant;
}

export type TaskCommand =
  | StartBindTask
  | StartUnbindTask
  | RunReadyTask
  | CompleteTask
  | FailTask
  | InterruptRunnerTasks
  | InterruptOverdueTasks
  | DeleteFailedTask
  | DeleteFailedTasks;

function requireStatus(task: Task, allowed: readonly Task['status'][]): void {
  if (!allowed.includes(task.status)) throw BindTaskNotInStatus(task.id, task.status, allowed.join(' or '));
}

/** A live task's server: always there, since a server with a live task is not removed. */
function serverOf(state: KeypairSet, task: Task): Server {
  return requireServer(state, task.projectId, task.serverId);
}

function runReadyTask(state: KeypairSet, cmd: RunReadyTask): TaskEvent[] {
  const runner = checkedRunner(cmd.runner);
  const task = requireTask(state, cmd.taskId);
  requireStatus(task, ['READY']);
  const server = serverOf(state, task);
  if (server.status !== 'Running') throw ServerStatusForbids(server.id, server.status, 'Running');
  return [{ type: 'BindTaskRunning', taskId: task.id, runner, at: cmd.now }];
}

/**
 * The server's binding follows the task; a host key seen for the first time is pinned. A task
 * that ended meanwhile (failed as interrupted while its runner still worked) keeps that outcome:
 * the runner's decides to nothing, so no record says both FAILED and bound.
 */
function completeTask(state: KeypairSet, cmd: CompleteTask): (TaskEvent | ServerHostKeyPinned)[] {
  const hostKey = cmd.hostKey === null ? null : validateHostKey(cmd.hostKey);
  const task = requireTask(state, cmd.taskId);
  if (hasEnded(task)) return [];
  requireStatus(task, ['RUNNING']);
  const server = serverOf(state, task);
  const done = { taskId: task.id, serverId: server.id, keypairName: task.keypairName, keypairId: task.keypairId, at: cmd.now };
  const outcome: TaskEvent = task.operation === 'UNBIND' ? { type: 'KeypairUnbound', ...done } : { type: 'KeypairBound', ...done };
  const pin = server.hostKey === null && hostKey !== null ? hostKeyPinEvents(server, hostKey, cmd.now) : [];
  return [outcome, ...pin];
}

/** As completeTask: a task that ended meanwhile keeps its first outcome. */
function failTask(state: KeypairSet, cmd: FailTask): TaskEvent[] {
  const failure = checkedFailure(cmd);
  const task = requireTask(state, cmd.taskId);
  if (hasEnded(task)) return [];
  return [taskFailed(task, failure, cmd.now)];
}

function deleteFailedTask(state: KeypairSet, cmd: DeleteFailedTask): TaskEvent[] {
  const task = state.tasks.get(cmd.taskId);
  if (!task || task.projectId !== cmd.projectId || task.status !== 'FAILED') throw FailedTaskNotFound(cmd.taskId);
  return [{ type: 'FailedTaskDeleted', taskId: task.id, at: cmd.now }];
}

function deleteFailedTasks(state: KeypairSet, cmd: DeleteFailedTasks): TaskEvent[] {
  const taskIds = [...state.tasks.values()]
    .filter((t) => t.projectId === cmd.projectId && t.status === 'FAILED')
    .map((t) => t.id)
    .sort(compareText);
  return taskIds.length === 0 ? [] : [{ type: 'FailedTasksDeleted', projectId: cmd.projectId, taskIds, at: cmd.now }];
}

export function decideTasks(state: KeypairSet, command: TaskCommand): readonly (TaskEvent | ServerHostKeyPinned)[] {
  switch (command.type) {
    case 'StartBindTask':
      return startBindTask(state, command);
    case 'StartUnbindTask':
      return startUnbindTask(state, command);
    case 'RunReadyTask':
      return runReadyTask(state, command);
    case 'CompleteTask':
      return completeTask(state, command);
    case 'FailTask':
      return failTask(state, command);
    case 'InterruptRunnerTasks':
      return interruptRunnerTasks(state, command);
    case 'InterruptOverdueTasks':
      return interruptOverdueTasks(state, command);
    case 'DeleteFailedTask':
      return deleteFailedTask(state, command);
    case 'DeleteFailedTasks':
      return deleteFailedTasks(state, command);
    default:
      return assertNever(command);
  }
}

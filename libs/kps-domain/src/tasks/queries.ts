import type { KeypairSet, Task } from '../state/keypair-set.js';
import { pageLimit, pageOffset } from '../rules/paging.js';
import { compareText, isLive } from '../state/queries.js';

export interface TaskPageQuery {
  /** 1..1000, default 50. */
  readonly limit?: number;
  /** Tasks to skip, default 0. */
  readonly offset?: number;
}
export interface TaskPage {
  readonly tasks: readonly Task[];
  /** Every matching task, not only this page's. */
  readonly total: number;
}

function pageOf(state: KeypairSet, projectId: string, wanted: (t: Task) => boolean, query: TaskPageQuery): TaskPage {
  const limit = pageLimit(query.limit);
  const offset = pageOffset(query.offset);
  const all = [...state.tasks.values()]
    .filter((t) => t.projectId === projectId && wanted(t))
    .sort((a, b) => a.startedAt - b.startedAt || compareText(a.id, b.id));
  return { tasks: all.slice(offset, offset + limit), total: all.length };
}

/** The project's READY and RUNNING tasks, oldest first. */
export function runningTasks(state: KeypairSet, projectId: string, query: TaskPageQuery = {}): TaskPage {
  return pageOf(state, projectId, isLive, query);
}

/** The project's FAILED tasks, oldest first. */
export function failedTasks(state: KeypairSet, projectId: string, query: TaskPageQuery = {}): TaskPage {
  return pageOf(state, projectId, (t) => t.status === 'FAILED', query);
}

/** A task of the project, whatever its status (a task of another project is not there). */
export function findProjectTask(state: KeypairSet, projectId: string, taskId: string): Task | undefined {
  const task = state.tasks.get(taskId);
  return task && task.projectId === projectId ? task : undefined;
}

function runningTasksWhere(state: KeypairSet, wanted: (t: Task) => boolean): Task[] {
  return [...state.tasks.values()].filter((t) => t.status === 'RUNNING' && wanted(t)).sort((a, b) => compareText(a.id, b.id));
}

/**
 * The RUNNING tasks a restarted runner left behind: its own, which it cannot resume, and those of
 * no recorded runner (started before runners were recorded: any restart fails them, as it did).
 */
export function tasksLeftBy(state: KeypairSet, runner: string): Task[] {
  return runningTasksWhere(state, (t) => t.runner === runner || t.runner === null);
}

/** The RUNNING tasks that began before `runningBefore`: past their deadline, their runner gone. */
export function overdueTasks(state: KeypairSet, runningBefore: number): Task[] {
  return runningTasksWhere(state, (t) => t.runningSince !== null && t.runningSince < runningBefore);
}

/**
 * Whether the task is still RUNNING: its runner may write to the server only then, not once the
 * task failed meanwhile (past its deadline) or was deleted after (docs/kps.md, "Bind tasks").
 */
export function isStillRunning(state: KeypairSet, taskId: string): boolean {
  return state.tasks.get(taskId)?.status === 'RUNNING';
}

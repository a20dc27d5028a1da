import type { Instant } from '@dew/decider';
import type { KeypairSet } from '../state/keypair-set.js';
import type { BindTaskFailed } from './events.js';
import { checkedFailure, taskFailed, type TaskFailure } from './failure.js';
import { overdueTasks, tasksLeftBy } from './queries.js';
import { checkedRunner } from './runner.js';

/**
 * A KPS process starting again fails the tasks its previous life left RUNNING (it cannot know how
 * far their SSH sessions got), and those of no recorded runner (docs/kps.md, "Bind tasks").
 */
export interface InterruptRunnerTasks extends TaskFailure {
  readonly type: 'InterruptRunnerTasks';
  readonly runner: string;
  readonly now: Instant;
}

/**
 * The deadline sweep fails the tasks RUNNING since before `runningBefore`: no live runner takes
 * that long, so theirs stopped for good (docs/kps.md, "Bind tasks").
 */
export interface InterruptOverdueTasks extends TaskFailure {
  readonly type: 'InterruptOverdueTasks';
  readonly runningBefore: Instant;
  readonly now: Instant;
}

// Both decide against the latest state: a task another replica or the runner itself ended first is
// no longer RUNNING, so of two replicas sweeping at once the later decides to nothing.

export function interruptRunnerTasks(state: KeypairSet, cmd: InterruptRunnerTasks): BindTaskFailed[] {
  const failure = checkedFailure(cmd);
  return tasksLeftBy(state, checkedRunner(cmd.runner)).map((task) => taskFailed(task, failure, cmd.now));
}

export function interruptOverdueTasks(state: KeypairSet, cmd: InterruptOverdueTasks): BindTaskFailed[] {
  const failure = checkedFailure(cmd);
  return overdueTasks(state, cmd.runningBefore).map((task) => taskFailed(task, failure, cmd.now));
}

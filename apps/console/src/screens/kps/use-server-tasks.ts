import { useState } from 'react';
import type { StartedTask } from './server-actions';

/**
 * The tasks a page follows (the last ones started: one, or a batch bind's) and a counter that
 * moves when a task starts or ends, so the server and task lists load again.
 */
export function useServerTasks() {
  const [tasks, setTasks] = useState<readonly StartedTask[]>([]);
  const [round, setRound] = useState(0);
  return {
    tasks,
    round,
    started: (...t: readonly StartedTask[]) => (setTasks(t), setRound((r) => r + 1)),
    finished: () => setRound((r) => r + 1),
  };
}

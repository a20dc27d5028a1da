import { useState } from 'react';
import type { StartedTask } from './server-actions';

/**
 * The task a page follows (the last one started) and a counter that moves when a task starts or
 * ends, so the server and task lists load again.
 */
export function useServerTasks() {
  const [task, setTask] = useState<StartedTask | null>(null);
  const [round, setRound] = useState(0);
  return {
    task,
    round,
    started: (t: StartedTask) => (setTask(t), setRound((r) => r + 1)),
    finished: () => setRound((r) => r + 1),
  };
}

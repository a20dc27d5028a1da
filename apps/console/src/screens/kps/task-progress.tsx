import { useEffect, useState } from 'react';
import { showTask } from '../../api/kps';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import type { StartedTask } from './server-actions';
import { taskRunning, taskStatusLabel, taskSucceeded } from './kps-format';

const POLL_MS = 1000;

/**
 * A task KPS runs in the background, followed until it ends: an indeterminate progress bar and
 * its status while READY or RUNNING, then whether it succeeded (a failure's cause is in the
 * failed-task list). `onFinished` runs once, when it ends.
 */
export function TaskProgress({ task, onFinished }: { readonly task: StartedTask; readonly onFinished: () => void }) {
  const { api } = useSignedIn();
  const [status, setStatus] = useState('READY_');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const { task_status } = await showTask(api, task.id);
        if (!live) return;
        setStatus(task_status);
        if (taskRunning(task_status)) timer = window.setTimeout(() => void poll(), POLL_MS);
        else onFinished();
      } catch (e) {
        if (live) setError(e);
      }
    };
    void poll();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // Follows one task; a new task is a new component (keyed by its id).
  }, [api, task.id]);
  const running = taskRunning(status);
  return (
    <section className={`panel task ${running ? '' : taskSucceeded(status) ? 'ok' : 'failed'}`} aria-labelledby={`task-${task.id}`}>
      <h2 id={`task-${task.id}`}>{task.label}</h2>
      {running ? <progress aria-label="Task progress" /> : null}
      <p role="status">
        Task {task.id}: {status === 'READY_' ? 'Accepted' : taskStatusLabel(status)}
        {!running && !taskSucceeded(status) ? '. The cause is in Failed Key Pair Tasks below.' : ''}
      </p>
      <ErrorNotice error={error} />
    </section>
  );
}

/** Every task the page follows, each with its own progress. */
export function FollowedTasks({ tasks, onFinished }: { readonly tasks: readonly StartedTask[]; readonly onFinished: () => void }) {
  return (
    <>
      {tasks.map((t) => (
        <TaskProgress key={t.id} task={t} onFinished={onFinished} />
      ))}
    </>
  );
}

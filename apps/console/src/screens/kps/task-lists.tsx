import { useState } from 'react';
import { deleteAllFailedTasks, deleteFailedTask, listFailedTasks, listRunningTasks } from '../../api/kps';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorNotice } from '../../ui/error-notice';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { formatTime } from '../kms/key-format';
import { taskOperationLabel } from './kps-format';

/** KPS task times are ISO text (formatTime takes epoch milliseconds). */
const taskTime = (t: string): string => formatTime(Date.parse(t));

/**
 * Guide 3.4.2 step 7: tasks still running, and the failed ones with their cause, each deletable
 * (Delete, Delete All). `round` changes whenever the page knows a task started or ended.
 */
export function TaskLists({ round }: { readonly round: number }) {
  const { api } = useSignedIn();
  const running = useLoad(() => listRunningTasks(api), [api, round]);
  const failed = useLoad(() => listFailedTasks(api), [api, round]);
  const [problem, setProblem] = useState<unknown>(null);
  const [clearing, setClearing] = useState(false);
  const removing = (remove: () => Promise<unknown>) => async () => {
    setProblem(null);
    await remove().catch(setProblem);
    failed.reload();
  };
  return (
    <>
      <section className="panel" aria-labelledby="running-title">
        <h2 id="running-title">Running Key Pair Tasks ({running.data?.length ?? 0})</h2>
        <ErrorNotice error={running.error} />
        {running.data?.length ? (
          <ScrollTable label="Running key pair tasks" columns={['Server', 'Key Pair Name', 'Task', 'Started']}>
            {running.data.map((t) => (
              <tr key={t.task_id}>
                <th scope="row">{t.server_name}</th>
                <td>{t.keypair_name}</td>
                <td>{taskOperationLabel(t.operate_type)}</td>
                <td>{taskTime(t.task_time)}</td>
              </tr>
            ))}
          </ScrollTable>
        ) : (
          <p>No task is running.</p>
        )}
      </section>
      <section className="panel" aria-labelledby="failed-title">
        <header className="page-header">
          <h2 id="failed-title">Failed Key Pair Tasks ({failed.data?.length ?? 0})</h2>
          {failed.data?.length ? (
            <button type="button" onClick={() => setClearing(true)}>
              Delete All
            </button>
          ) : null}
        </header>
        {clearing ? (
          <ConfirmDialog
            title="Delete all failed key pair tasks"
            onClose={() => setClearing(false)}
            onConfirm={async () => {
              try {
                await deleteAllFailedTasks(api);
              } finally {
                failed.reload();
              }
            }}
          >
            <p>The {failed.data?.length ?? 0} failed tasks and their causes leave the list for good.</p>
          </ConfirmDialog>
        ) : null}
        <ErrorNotice error={failed.error ?? problem} />
        {failed.data?.length ? (
          <ScrollTable label="Failed key pair tasks" columns={['Server', 'Key Pair Name', 'Task', 'Executed On', 'Failure Cause', 'Operation']}>
            {failed.data.map((t) => (
              <tr key={t.task_id}>
                <th scope="row">{t.server_name}</th>
                <td>{t.keypair_name}</td>
                <td>{taskOperationLabel(t.operate_type)}</td>
                <td>{taskTime(t.task_time)}</td>
                <td>
                  {t.task_error_msg} (<code>{t.task_error_code}</code>)
                </td>
                <td>
                  <button type="button" onClick={removing(() => deleteFailedTask(api, t.task_id))} aria-label={`Delete failed task ${t.task_id}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </ScrollTable>
        ) : (
          <p>No failed task.</p>
        )}
      </section>
    </>
  );
}

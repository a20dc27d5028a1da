import { useState } from 'react';
import { listKeypairs, listServers } from '../../api/kps';
import { Link } from '../../router';
import { useSignedIn } from '../../session';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { KpsTabs } from './kps-tabs';
import { KPS_ROUTES } from './paths';
import { ServerTable } from './server-table';
import { TaskLists } from './task-lists';
import { TaskProgress } from './task-progress';
import { useServerTasks } from './use-server-tasks';

/**
 * Guide 3.4.1–3.4.5 on DEW's server inventory (docs/api-decisions.md, "Servers"): the servers,
 * the bind/replace/reset/unbind operations, the task being followed, and the task lists.
 */
export function ServerList() {
  const { api, projectId } = useSignedIn();
  const [status] = useState<string | null>(takeFlash);
  const tasks = useServerTasks();
  const servers = useLoad(() => listServers(api), [api, projectId, tasks.round]);
  const keypairs = useLoad(async () => (await listKeypairs(api)).keypairs.map((k) => k.name), [api, projectId]);
  return (
    <Page title="Server List" crumbs={[{ label: 'Key Pair Service' }]} actions={<Link to={KPS_ROUTES.registerServer}>Register Server</Link>}>
      <KpsTabs current="servers" />
      <StatusNotice message={status} />
      <ErrorNotice error={servers.error ?? keypairs.error} />
      {tasks.task ? <TaskProgress key={tasks.task.id} task={tasks.task} onFinished={tasks.finished} /> : null}
      {servers.data ? (
        servers.data.length === 0 ? (
          <p>No servers yet. Register one to bind key pairs to it.</p>
        ) : (
          <ServerTable servers={servers.data} keypairNames={keypairs.data ?? []} onStarted={tasks.started} />
        )
      ) : null}
      <TaskLists round={tasks.round} />
    </Page>
  );
}

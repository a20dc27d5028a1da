import { useState } from 'react';
import { listKeypairs, listServers } from '../../api/kps';
import { Link } from '../../router';
import { useSignedIn } from '../../session';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { KpsTabs } from './kps-tabs';
import { KPS_ROUTES } from './paths';
import { BATCH_BIND_MAX, BatchBindDialog, type RefusedBind } from './server-batch-bind';
import { bindable, ServerTable } from './server-table';
import { TaskLists } from './task-lists';
import { FollowedTasks } from './task-progress';
import { useServerTasks } from './use-server-tasks';

/**
 * Guide 3.4.1–3.4.5 on DEW's server inventory (docs/api-decisions.md, "Servers"): the servers,
 * the bind/replace/reset/unbind operations (Bind also for several selected servers at once), the
 * tasks being followed, and the task lists.
 */
export function ServerList() {
  const { api, projectId } = useSignedIn();
  const [status, setStatus] = useState<string | null>(takeFlash);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [batch, setBatch] = useState(false);
  const [refused, setRefused] = useState<readonly RefusedBind[]>([]);
  const tasks = useServerTasks();
  const servers = useLoad(() => listServers(api), [api, projectId, tasks.round]);
  const keypairs = useLoad(async () => (await listKeypairs(api)).keypairs.map((k) => k.name), [api, projectId]);
  const chosen = (servers.data ?? []).filter((s) => selected.has(s.id) && bindable(s));
  const toggle = (id: string, on: boolean) => setSelected((prev) => new Set([...prev].filter((x) => x !== id).concat(on ? [id] : [])));
  const changed = (message: string) => (setStatus(message), servers.reload());
  return (
    <Page title="Server List" crumbs={[{ label: 'Key Pair Service' }]} actions={<Link to={KPS_ROUTES.registerServer}>Register Server</Link>}>
      <KpsTabs current="servers" />
      <StatusNotice message={status} />
      <ErrorNotice error={servers.error ?? keypairs.error} />
      <FollowedTasks tasks={tasks.tasks} onFinished={tasks.finished} />
      {refused.length ? (
        <ScrollTable label="Servers KPS refused" columns={['Server', 'Error code', 'Cause']}>
          {refused.map((r) => (
            <tr key={r.server}>
              <th scope="row">{r.server}</th>
              <td>{r.code}</td>
              <td>{r.message}</td>
            </tr>
          ))}
        </ScrollTable>
      ) : null}
      {servers.data ? (
        servers.data.length === 0 ? (
          <p>No servers yet. Register one to bind key pairs to it.</p>
        ) : (
          <>
            <div className="actions">
              <button type="button" onClick={() => setBatch(true)} disabled={chosen.length === 0 || chosen.length > BATCH_BIND_MAX}>
                Bind Key Pair ({chosen.length} selected)
              </button>
            </div>
            <ServerTable servers={servers.data} keypairNames={keypairs.data ?? []} onStarted={tasks.started} onChanged={changed} selection={{ selected, toggle }} />
          </>
        )
      ) : null}
      {batch ? (
        <BatchBindDialog
          servers={chosen}
          keypairNames={keypairs.data ?? []}
          onClose={() => setBatch(false)}
          onStarted={(started, no) => (setRefused(no), setSelected(new Set()), tasks.started(...started))}
        />
      ) : null}
      <TaskLists round={tasks.round} />
    </Page>
  );
}

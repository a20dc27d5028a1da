import type { Server } from '../../api/kps';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { ScrollTable } from '../../ui/scroll-table';
import { KPS_ROUTES } from './paths';
import { ServerActions, type StartedTask } from './server-actions';

/** Guide table 3-3: the servers with their bound key pair and the operations a row offers. */
export function ServerTable({ servers, keypairNames, onStarted }: { readonly servers: readonly Server[]; readonly keypairNames: readonly string[]; readonly onStarted: (task: StartedTask) => void }) {
  return (
    <ScrollTable label="Servers" columns={['Server Name/ID', 'Status', 'Address', 'Login User', 'Associated Key Pair', 'Operation']}>
      {servers.map((s) => (
        <tr key={s.id}>
          <th scope="row">
            {s.name}
            <br />
            <code>{s.id}</code>
          </th>
          <td>{s.running_task_id ? `${s.status} (task running)` : s.status}</td>
          <td>
            <code>
              {s.address}:{s.port}
            </code>
          </td>
          <td>{s.login_user}</td>
          <td>{s.keypair_name ? <Link to={pathTo(KPS_ROUTES.detail, { name: s.keypair_name })}>{s.keypair_name}</Link> : '—'}</td>
          <td>
            <ServerActions server={s} keypairNames={keypairNames} onStarted={onStarted} />
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

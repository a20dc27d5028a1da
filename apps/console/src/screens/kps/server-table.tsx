import type { Server } from '../../api/kps';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { ScrollTable } from '../../ui/scroll-table';
import { KPS_ROUTES } from './paths';
import { ServerActions, type ServerRowProps } from './server-actions';

/** Servers picked for a batch bind (the Server List's selection). */
export interface ServerSelection {
  readonly selected: ReadonlySet<string>;
  readonly toggle: (id: string, on: boolean) => void;
}

/** What a batch bind can take: a Linux server with no key pair and no task under way. */
export const bindable = (s: Server): boolean => s.os !== 'Windows' && !s.keypair_name && s.running_task_id === null;

/** Guide table 3-3: the servers with their bound key pair and the operations a row offers; with `selection`, a first column picks servers to bind together. */
export function ServerTable({ servers, selection, ...row }: ServerRowProps & { readonly servers: readonly Server[]; readonly selection?: ServerSelection }) {
  const columns = ['Server Name/ID', 'Status', 'OS', 'Address', 'Login User', 'Associated Key Pair', 'Operation'];
  return (
    <ScrollTable label="Servers" columns={selection ? ['Select', ...columns] : columns}>
      {servers.map((s) => (
        <tr key={s.id}>
          {selection ? <td>{bindable(s) ? <input type="checkbox" aria-label={`Select ${s.name}`} checked={selection.selected.has(s.id)} onChange={(e) => selection.toggle(s.id, e.target.checked)} /> : null}</td> : null}
          <th scope="row">
            {s.name}
            <br />
            <code>{s.id}</code>
          </th>
          <td>{s.running_task_id ? `${s.status} (task running)` : s.status}</td>
          <td>{s.os}</td>
          <td>
            <code>
              {s.address}:{s.port}
            </code>
          </td>
          <td>{s.login_user}</td>
          <td>{s.keypair_name ? <Link to={pathTo(KPS_ROUTES.detail, { name: s.keypair_name })}>{s.keypair_name}</Link> : '—'}</td>
          <td>
            <ServerActions server={s} {...row} />
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

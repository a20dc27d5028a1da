import { useState } from 'react';
import { deleteUser, listUsers, setUserEnabled, type User } from '../../api/iam-admin';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { RowButton } from '../../ui/row-button';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { IAM_CRUMBS } from './iam-crumbs';
import { IAM_ROUTES } from './paths';

type Pending = { readonly user: User; readonly action: 'enable' | 'disable' | 'delete' };

/** Guide 6.1 step 2: the account's IAM users; enable, disable and delete each behind a confirmation. */
export function UserList() {
  const { api } = useSignedIn();
  const [status, setStatus] = useState<string | null>(takeFlash);
  const [pending, setPending] = useState<Pending | null>(null);
  const users = useLoad(() => listUsers(api), [api]);
  const act = async ({ user, action }: Pending) => {
    if (action === 'delete') await deleteUser(api, user.id);
    else await setUserEnabled(api, user.id, action === 'enable');
    setStatus(`User ${user.name} ${action === 'delete' ? 'deleted' : `${action}d`}.`);
    users.reload();
  };
  const button = (user: User, action: Pending['action'], label: string) => <RowButton label={label} subject={user.name} onClick={() => setPending({ user, action })} />;
  return (
    <Page title="Users" crumbs={IAM_CRUMBS} actions={<Link to={IAM_ROUTES.createUser}>Create User</Link>}>
      <StatusNotice message={status} />
      <ErrorNotice error={users.error} />
      {users.data ? (
        <ScrollTable label="IAM users" columns={['Username', 'Status', 'Description', 'Created', 'Operation']}>
          {users.data.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                <Link to={pathTo(IAM_ROUTES.user, { userId: u.id })}>{u.name}</Link>
                <div className="id">{u.id}</div>
              </th>
              <td>{u.enabled ? 'Enabled' : 'Disabled'}</td>
              <td>{u.description || '—'}</td>
              <td>{u.create_time}</td>
              <td>
                {/* The account's administrator is not the console's to disable or delete. */}
                {u.is_domain_owner ? null : (
                  <div className="row-actions">
                    {u.enabled ? button(u, 'disable', 'Disable') : button(u, 'enable', 'Enable')}
                    {button(u, 'delete', 'Delete')}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </ScrollTable>
      ) : null}
      {pending ? (
        <ConfirmDialog
          title={`${pending.action === 'delete' ? 'Delete' : pending.action === 'enable' ? 'Enable' : 'Disable'} user ${pending.user.name}`}
          acknowledgement={pending.action === 'delete' ? 'I understand that the user, its access keys and its group memberships are deleted' : undefined}
          onClose={() => setPending(null)}
          onConfirm={() => act(pending)}
        >
          <p>
            {pending.action === 'enable'
              ? 'The user can sign in and call the API again.'
              : pending.action === 'disable'
                ? 'The user can no longer sign in or call the API; sessions and access keys stop working at once.'
                : 'The user can no longer sign in or call the API. This cannot be undone.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}

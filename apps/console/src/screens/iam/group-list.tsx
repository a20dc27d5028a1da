import { useState } from 'react';
import { createGroup, listGroups } from '../../api/iam-admin';
import { Link, navigate } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { TextArea, TextField } from '../../ui/field';
import { flash, takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { formatTime } from '../kms/key-format';
import { IAM_CRUMBS } from './iam-crumbs';
import { IAM_ROUTES } from './paths';

/** Guide 6.1 step 1: user groups, and Create User Group (a group then gets users and policies on its page). */
export function GroupList() {
  const { api } = useSignedIn();
  const [status] = useState<string | null>(takeFlash);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const groups = useLoad(() => listGroups(api), [api]);
  const create = async () => {
    const group = await createGroup(api, { name, description });
    flash(`User group ${group.name} created.`);
    navigate(pathTo(IAM_ROUTES.group, { groupId: group.id }));
  };
  return (
    <Page
      title="User Groups"
      crumbs={IAM_CRUMBS}
      actions={
        <button type="button" className="primary" onClick={() => (setName(''), setDescription(''), setCreating(true))}>
          Create User Group
        </button>
      }
    >
      <StatusNotice message={status} />
      <ErrorNotice error={groups.error} />
      {groups.data ? (
        <ScrollTable label="User groups" columns={['Name', 'Description', 'Created']}>
          {groups.data.map((g) => (
            <tr key={g.id}>
              <th scope="row">
                <Link to={pathTo(IAM_ROUTES.group, { groupId: g.id })}>{g.name}</Link>
                <div className="id">{g.id}</div>
              </th>
              <td>{g.description || '—'}</td>
              <td>{formatTime(g.create_time)}</td>
            </tr>
          ))}
        </ScrollTable>
      ) : null}
      {creating ? (
        <ConfirmDialog title="Create User Group" ready={name.trim() !== ''} onClose={() => setCreating(false)} onConfirm={create}>
          <TextField label="Name" value={name} onChange={setName} required maxLength={64} />
          <TextArea label="Description (optional)" value={description} onChange={setDescription} rows={2} />
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}

import { useState } from 'react';
import { showUser, updateUser } from '../../api/iam-admin';
import { useSignedIn } from '../../session';
import { Details } from '../../ui/details';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { TextArea, TextField } from '../../ui/field';
import { Page } from '../../ui/page';
import { useAction } from '../../ui/use-action';
import { useLoad } from '../../ui/use-load';
import { AccessKeys } from './access-keys';
import { IAM_CRUMBS } from './iam-crumbs';
import { IAM_ROUTES } from './paths';

/** A user's page (guide 6.1): its facts, Modify (name, description) and its access keys. */
export function UserDetail({ userId }: { readonly userId: string }) {
  const { api } = useSignedIn();
  const [status, setStatus] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const shown = useLoad(() => showUser(api, userId), [api, userId]);
  const u = shown.data;
  return (
    <Page title={u ? u.name : 'IAM user'} crumbs={[...IAM_CRUMBS, { label: 'Users', to: IAM_ROUTES.users }]}>
      <StatusNotice message={status} />
      <ErrorNotice error={shown.error} />
      {u ? (
        <>
          {editing ? (
            <UserForm
              name={u.name}
              description={u.description}
              onCancel={() => setEditing(false)}
              onSave={async (fields) => {
                const saved = await updateUser(api, u.id, fields);
                setEditing(false);
                setStatus(`User ${saved.name} saved.`);
                shown.reload();
              }}
            />
          ) : (
            <>
              <Details
                items={[
                  ['Username', u.name],
                  ['User ID', <code key="id">{u.id}</code>],
                  ['Status', u.enabled ? 'Enabled' : 'Disabled'],
                  ['Description', u.description],
                  ['Created', u.create_time],
                ]}
              />
              <button type="button" onClick={() => setEditing(true)}>
                Modify
              </button>
            </>
          )}
          <AccessKeys userId={u.id} userName={u.name} />
        </>
      ) : null}
    </Page>
  );
}

function UserForm(p: { readonly name: string; readonly description: string; readonly onSave: (fields: { name: string; description: string }) => Promise<void>; readonly onCancel: () => void }) {
  const [name, setName] = useState(p.name);
  const [description, setDescription] = useState(p.description);
  const { busy, error, run } = useAction(() => p.onSave({ name: name.trim(), description }));
  return (
    <form onSubmit={run} className="form" aria-label="Modify user">
      <TextField label="Username" value={name} onChange={setName} required maxLength={32} />
      <TextArea label="Description" value={description} onChange={setDescription} rows={2} />
      <p>DEW keeps no email address or mobile number for a user.</p>
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'OK'}
        </button>
        <button type="button" onClick={p.onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

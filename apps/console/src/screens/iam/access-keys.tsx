import { useState } from 'react';
import { createAccessKey, deleteAccessKey, listAccessKeys, setAccessKeyStatus, type AccessKey } from '../../api/iam-access-keys';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { TextField } from '../../ui/field';
import { RowButton } from '../../ui/row-button';
import { saveFile } from '../../ui/save-file';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';

/** The file a new access key is saved in, as Huawei's console names it. */
export const CREDENTIALS_FILE = 'credentials.csv';
/** IAM allows two access keys per user. */
const MAX_KEYS = 2;

type Pending = { readonly key: AccessKey; readonly action: 'enable' | 'disable' | 'delete' } | { readonly action: 'create' };

/** What each change of a key says before it is made; deleting asks for an acknowledgement too. */
const CONFIRM: Readonly<Record<'enable' | 'disable' | 'delete', { readonly verb: string; readonly effect: string; readonly acknowledgement?: string }>> = {
  enable: { verb: 'Enable', effect: 'Requests signed with this access key are accepted again.' },
  disable: { verb: 'Disable', effect: 'Requests signed with this access key are refused until it is enabled again.' },
  delete: { verb: 'Delete', effect: 'A deleted access key cannot be restored.', acknowledgement: 'I understand that programs using this access key can no longer call the API' },
};

const csvOf = (userName: string, ak: string, sk: string) => `User Name,Access Key Id,Secret Access Key\n${userName},${ak},${sk}\n`;

/**
 * A user's access keys (AK/SK): Create Access Key saves the new pair as credentials.csv straight
 * from IAM's answer (the SK is never shown, kept or asked for again: IAM gives it once), then the
 * list with Enable/Disable and Delete, each confirmed.
 */
export function AccessKeys({ userId, userName }: { readonly userId: string; readonly userName: string }) {
  const { api } = useSignedIn();
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [description, setDescription] = useState('');
  const keys = useLoad(() => listAccessKeys(api, userId), [api, userId]);
  const done = (message: string) => (setStatus(message), keys.reload());
  const create = async () => {
    const made = await createAccessKey(api, userId, description);
    saveFile(CREDENTIALS_FILE, csvOf(userName, made.access, made.secret), 'text/csv');
    setDescription('');
    done(`Access key ${made.access} created and downloaded as ${CREDENTIALS_FILE}. Its secret access key cannot be shown or downloaded again.`);
  };
  const act = async (p: Exclude<Pending, { action: 'create' }>) => {
    if (p.action === 'delete') await deleteAccessKey(api, p.key.access);
    else await setAccessKeyStatus(api, p.key.access, p.action === 'enable' ? 'active' : 'inactive');
    done(`Access key ${p.key.access} ${p.action === 'delete' ? 'deleted' : `${p.action}d`}.`);
  };
  const count = keys.data?.length ?? 0;
  return (
    <section className="panel" aria-labelledby="access-keys-title">
      <h2 id="access-keys-title">Access Keys</h2>
      <StatusNotice message={status} />
      <ErrorNotice error={keys.error} />
      <div className="actions">
        <button type="button" onClick={() => setPending({ action: 'create' })} disabled={!keys.data || count >= MAX_KEYS}>
          Create Access Key
        </button>
        <span>
          {count} of {MAX_KEYS} access keys
        </span>
      </div>
      {keys.data?.length ? (
        <ScrollTable label={`Access keys of ${userName}`} columns={['Access Key ID', 'Description', 'Status', 'Created', 'Operation']}>
          {keys.data.map((k) => (
            <tr key={k.access}>
              <th scope="row">
                <code>{k.access}</code>
              </th>
              <td>{k.description || '—'}</td>
              <td>{k.status === 'active' ? 'Enabled' : 'Disabled'}</td>
              <td>{k.create_time}</td>
              <td>
                <div className="row-actions">
                  {k.status === 'active' ? (
                    <RowButton label="Disable" subject={k.access} onClick={() => setPending({ key: k, action: 'disable' })} />
                  ) : (
                    <RowButton label="Enable" subject={k.access} onClick={() => setPending({ key: k, action: 'enable' })} />
                  )}
                  <RowButton label="Delete" subject={k.access} onClick={() => setPending({ key: k, action: 'delete' })} />
                </div>
              </td>
            </tr>
          ))}
        </ScrollTable>
      ) : keys.data ? (
        <p>The user has no access key.</p>
      ) : null}
      {pending?.action === 'create' ? (
        <ConfirmDialog title={`Create Access Key for ${userName}`} onClose={() => setPending(null)} onConfirm={create}>
          <p>The browser downloads {CREDENTIALS_FILE} with the access key ID and the secret access key. Keep it safe: the secret access key can be downloaded only now.</p>
          <TextField label="Description (optional)" value={description} onChange={setDescription} maxLength={255} />
        </ConfirmDialog>
      ) : null}
      {pending && pending.action !== 'create' ? (
        <ConfirmDialog title={`${CONFIRM[pending.action].verb} access key ${pending.key.access}`} acknowledgement={CONFIRM[pending.action].acknowledgement} onClose={() => setPending(null)} onConfirm={() => act(pending)}>
          <p>{CONFIRM[pending.action].effect}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

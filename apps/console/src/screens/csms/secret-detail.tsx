import { useState } from 'react';
import { addVersion, listVersions, showSecret } from '../../api/csms';
import { navigate } from '../../router';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Details } from '../../ui/details';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { TextArea } from '../../ui/field';
import { flash, takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { formatTime } from '../kms/key-format';
import { CSMS_ROUTES } from './paths';
import { SecretActions, type SecretChange } from './secret-actions';
import { EditSecretDialog } from './secret-edit-dialog';
import { SecretRotation } from './secret-rotation';
import { SecretTags } from './secret-tags';
import { secondsToMs, secretStateLabel, secretTypeLabel } from './secret-format';
import { VersionActions } from './version-actions';

/** Guide 2.2.1 step 6 (secret details, Edit, Refresh), 2.3 (the version list, Add Secret Version), rotation and 2.4 (the Tags area). */
export function SecretDetail({ name }: { readonly name: string }) {
  const { api } = useSignedIn();
  const [status, setStatus] = useState<string | null>(takeFlash);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const secret = useLoad(() => showSecret(api, name), [api, name]);
  const versions = useLoad(async () => [...(await listVersions(api, name))].sort((a, b) => (b.create_time ?? 0) - (a.create_time ?? 0)), [api, name]);
  const s = secret.data;
  // Which version holds each stage: Manage Status offers to move a stage from its holder.
  const stages = new Map((versions.data ?? []).flatMap((v) => v.version_stages.map((st) => [st, v.id] as const)));
  const changed = (message: string) => (setStatus(message), versions.reload(), secret.reload());
  const deleted = (change: SecretChange) => {
    if (!change.gone) return changed(change.message);
    flash(change.message);
    navigate(CSMS_ROUTES.list);
  };
  const add = async () => {
    const v = await addVersion(api, name, value);
    setStatus(`Version ${v.id} added; it is now ${v.version_stages.join(', ') || 'without a status'}.`);
    versions.reload();
    secret.reload();
  };
  return (
    <Page title={name} crumbs={[{ label: 'Cloud Secret Management Service' }, { label: 'Secrets', to: CSMS_ROUTES.list }]} actions={s ? <SecretActions secret={s} onDone={deleted} /> : null}>
      <StatusNotice message={status} />
      <ErrorNotice error={secret.error} />
      {s ? (
        <Details
          items={[
            ['Name', s.name],
            ['Secret ID', <code key="id">{s.id}</code>],
            ['Type', secretTypeLabel(s.secret_type)],
            ['Status', secretStateLabel(s.state)],
            ['Created', formatTime(secondsToMs(s.create_time))],
            ['Updated', formatTime(secondsToMs(s.update_time))],
            ['Encryption Key', s.kms_key_id],
            ['Description', s.description],
            ['Event Notification', s.event_subscriptions.join(', ')],
            ...(s.scheduled_delete_time ? ([['Scheduled Deletion', formatTime(secondsToMs(s.scheduled_delete_time))]] as const) : []),
          ]}
        />
      ) : null}
      {s ? (
        <div className="actions">
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" onClick={secret.reload}>
            Refresh
          </button>
        </div>
      ) : null}
      {s && editing ? <EditSecretDialog secret={s} onClose={() => setEditing(false)} onDone={(m) => (setStatus(m), secret.reload())} /> : null}
      <section aria-labelledby="versions-title" className="panel">
        <header className="page-header">
          <h2 id="versions-title">Version List</h2>
          <div className="actions">
            <button type="button" onClick={() => (setValue(''), setAdding(true))}>
              Add Secret Version
            </button>
            <button type="button" onClick={versions.reload}>
              Refresh
            </button>
          </div>
        </header>
        <ErrorNotice error={versions.error} />
        {versions.data ? (
          <ScrollTable label={`Versions of ${name}`} columns={['Version', 'KMS Encryption Key ID', 'Version Status', 'Created', 'Operation']}>
            {versions.data.map((v) => (
              <tr key={v.id}>
                <th scope="row">{v.id}</th>
                <td>
                  <code>{v.kms_key_id}</code>
                </td>
                <td>{v.version_stages.length ? v.version_stages.map((st) => <span key={st} className="tag">{st}</span>) : '—'}</td>
                <td>{formatTime(secondsToMs(v.create_time))}</td>
                <td>
                  <VersionActions name={name} version={v} stages={stages} onDone={changed} />
                </td>
              </tr>
            ))}
          </ScrollTable>
        ) : null}
      </section>
      {s ? <SecretRotation secret={s} onDone={changed} /> : null}
      {s ? <SecretTags secret={s} /> : null}
      {adding ? (
        <ConfirmDialog title="Add Secret Version" confirmLabel="OK" ready={value !== ''} onClose={() => setAdding(false)} onConfirm={add}>
          <p>The new version becomes SYSCURRENT; the current one becomes SYSPREVIOUS.</p>
          <TextArea label="Secret value" value={value} onChange={setValue} required rows={4} />
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}

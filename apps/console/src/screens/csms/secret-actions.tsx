import { useState } from 'react';
import { backupSecret, cancelSecretDeletion, deleteSecretNow, scheduleSecretDeletion, type Secret } from '../../api/csms';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorNotice } from '../../ui/error-notice';
import { TextField } from '../../ui/field';
import { saveFile } from '../../ui/save-file';
import { useAction } from '../../ui/use-action';

type Open = 'delete' | 'cancel' | null;

const MIN_DAYS = 7;
const MAX_DAYS = 30;

/** What a deletion did, for the screen's status line; `gone` when the secret no longer exists. */
export interface SecretChange {
  readonly message: string;
  readonly gone?: boolean;
}

/**
 * The secret list's Operation column (guide 2.2.1, 2.2.2): Download Backup, Delete (scheduled
 * 7–30 days, or now) and Cancel Deletion. Deleting asks the user to type the secret's name.
 */
export function SecretActions({ secret, onDone }: { readonly secret: Secret; readonly onDone: (change: SecretChange) => void }) {
  const { api } = useSignedIn();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const name = secret.name;
  // The blob goes straight into the file: the console keeps no copy.
  const backup = useAction(async () => saveFile(`${name}.csms-backup`, await backupSecret(api, name)));
  const pending = secret.state === 'PENDING_DELETE';
  return (
    <div className="row-actions">
      <button type="button" onClick={() => void backup.run()} disabled={backup.busy} aria-label={`Download Backup of ${name}`}>
        Download Backup
      </button>
      {pending ? (
        <button type="button" onClick={() => setOpen('cancel')} aria-label={`Cancel Deletion of ${name}`}>
          Cancel Deletion
        </button>
      ) : (
        <button type="button" onClick={() => setOpen('delete')} aria-label={`Delete ${name}`}>
          Delete
        </button>
      )}
      <ErrorNotice error={backup.error} />
      {open === 'delete' ? <DeleteSecretDialog name={name} onClose={close} onDone={onDone} /> : null}
      {open === 'cancel' ? (
        <ConfirmDialog
          title={`Cancel the deletion of secret ${name}`}
          onClose={close}
          onConfirm={async () => (await cancelSecretDeletion(api, name), onDone({ message: `Deletion of secret ${name} cancelled; it is enabled again.` }))}
        >
          <p>The secret and all its versions stay, in Enabled status.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function DeleteSecretDialog({ name, onClose, onDone }: { readonly name: string; readonly onClose: () => void; readonly onDone: (change: SecretChange) => void }) {
  const { api } = useSignedIn();
  const [mode, setMode] = useState<'schedule' | 'now'>('schedule');
  const [days, setDays] = useState(String(MAX_DAYS));
  const [typed, setTyped] = useState('');
  const daysOk = /^\d+$/.test(days) && Number(days) >= MIN_DAYS && Number(days) <= MAX_DAYS;
  const confirm = async () => {
    if (mode === 'now') {
      await deleteSecretNow(api, name);
      return onDone({ message: `Secret ${name} deleted.`, gone: true });
    }
    await scheduleSecretDeletion(api, name, Number(days));
    onDone({ message: `Secret ${name} is scheduled for deletion in ${days} days.` });
  };
  return (
    <ConfirmDialog title={`Delete secret ${name}`} confirmLabel="OK" ready={typed === name && (mode === 'now' || daysOk)} onClose={onClose} onConfirm={confirm}>
      <fieldset className="segmented">
        <legend>Deletion</legend>
        <label>
          <input type="radio" name="secret-deletion" checked={mode === 'schedule'} onChange={() => setMode('schedule')} />
          Schedule deletion
        </label>
        <label>
          <input type="radio" name="secret-deletion" checked={mode === 'now'} onChange={() => setMode('now')} />
          Delete now
        </label>
      </fieldset>
      {mode === 'schedule' ? (
        <>
          <TextField label={`Waiting Period (${MIN_DAYS} to ${MAX_DAYS} days)`} type="number" min={MIN_DAYS} max={MAX_DAYS} value={days} onChange={setDays} required />
          <p>The secret is deleted when the waiting period ends; until then you can cancel the deletion. Once deleted it cannot be restored.</p>
        </>
      ) : (
        <p className="notice error">The secret and all its versions are deleted at once and cannot be restored (except from a backup file).</p>
      )}
      <TextField label={`Type the secret name (${name}) to confirm`} value={typed} onChange={setTyped} required />
    </ConfirmDialog>
  );
}

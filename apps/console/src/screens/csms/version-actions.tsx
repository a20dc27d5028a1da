import { useState } from 'react';
import { deleteStage, putStage, readVersionValue, type SecretVersion } from '../../api/csms';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { SelectField, TextArea, TextField } from '../../ui/field';
import { isSystemStage } from './secret-format';

type Open = 'status' | 'view' | null;

/**
 * A version row's Operation column (guide 2.3.1 step 8, 2.3.2): Manage Status and View Secret.
 * `stages` are all the secret's stages with the version holding each.
 */
export function VersionActions(p: { readonly name: string; readonly version: SecretVersion; readonly stages: ReadonlyMap<string, string>; readonly onDone: (message: string) => void }) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <div className="row-actions">
      <button type="button" onClick={() => setOpen('status')} aria-label={`Manage Status of ${p.version.id}`}>
        Manage Status
      </button>
      <button type="button" onClick={() => setOpen('view')} aria-label={`View Secret ${p.version.id}`}>
        View Secret
      </button>
      {open === 'status' ? <ManageStatusDialog {...p} onClose={close} /> : null}
      {open === 'view' ? <ViewSecretDialog name={p.name} versionId={p.version.id} onClose={close} /> : null}
    </div>
  );
}

type Change = 'add' | 'change' | 'delete';
const CHANGES: ReadonlyArray<readonly [Change, string]> = [
  ['add', 'Add'],
  ['change', 'Change'],
  ['delete', 'Delete'],
];

/**
 * Add a new status to the version, move an existing one onto it (a status is on one version
 * only, so it leaves the version that had it), or delete one of its statuses (never SYSCURRENT
 * or SYSPREVIOUS, which CSMS keeps).
 */
function ManageStatusDialog({ name, version, stages, onDone, onClose }: Parameters<typeof VersionActions>[0] & { readonly onClose: () => void }) {
  const { api } = useSignedIn();
  const movable = [...stages].filter(([, holder]) => holder !== version.id).map(([stage]) => stage);
  const deletable = version.version_stages.filter((s) => !isSystemStage(s));
  const [change, setChange] = useState<Change>('change');
  const [added, setAdded] = useState('');
  const [moved, setMoved] = useState(movable[0] ?? '');
  const [deleted, setDeleted] = useState(deletable[0] ?? '');
  const ready = change === 'add' ? /^[A-Za-z0-9_-]{1,64}$/.test(added) : change === 'change' ? moved !== '' : deleted !== '';
  const confirm = async () => {
    if (change === 'delete') {
      await deleteStage(api, name, deleted);
      return onDone(`Status ${deleted} deleted from ${version.id}.`);
    }
    const stage = change === 'add' ? added : moved;
    await putStage(api, name, stage, version.id);
    onDone(`Status ${stage} is now on ${version.id}.`);
  };
  return (
    <ConfirmDialog title={`Manage Status of ${version.id}`} ready={ready} onClose={onClose} onConfirm={confirm}>
      <p>
        Statuses of {version.id}: {version.version_stages.join(', ') || 'none'}. A status is on one version only: moving it here takes it off the version that has it.
      </p>
      <fieldset className="segmented">
        <legend>Operation</legend>
        {CHANGES.map(([c, label]) => (
          <label key={c}>
            <input type="radio" name="stage-change" checked={change === c} onChange={() => setChange(c)} />
            {label}
          </label>
        ))}
      </fieldset>
      {change === 'add' ? <TextField label="New status name" value={added} onChange={setAdded} required maxLength={64} hint="1–64 letters, digits, underscores (_) and hyphens (-)." /> : null}
      {change === 'change' ? (
        movable.length ? (
          <SelectField label="Status to move to this version" value={moved} onChange={setMoved} options={movable.map((s) => ({ value: s, label: `${s} (now on ${stages.get(s) ?? '?'})` }))} />
        ) : (
          <p>Every status of the secret is already on {version.id}.</p>
        )
      ) : null}
      {change === 'delete' ? (
        deletable.length ? (
          <SelectField label="Status to delete" value={deleted} onChange={setDeleted} options={deletable.map((s) => ({ value: s, label: s }))} />
        ) : (
          <p>{version.id} has no status that can be deleted: SYSCURRENT and SYSPREVIOUS cannot be deleted.</p>
        )
      ) : null}
    </ConfirmDialog>
  );
}

/**
 * Guide 2.3.1 steps 9–10: the value is fetched only after the user answers Yes, lives in this
 * dialog's state only, and is gone when the dialog closes (never in storage, never in a cache:
 * the API call is `cache: 'no-store'`).
 */
function ViewSecretDialog({ name, versionId, onClose }: { readonly name: string; readonly versionId: string; readonly onClose: () => void }) {
  const { api } = useSignedIn();
  const [value, setValue] = useState<{ readonly text: string; readonly binary: boolean } | null>(null);
  if (value) {
    return (
      <ConfirmDialog key="value" title={`Secret value of ${versionId}`} confirmLabel="OK" onClose={onClose} onConfirm={async () => undefined}>
        <TextArea label={value.binary ? 'Secret value (binary, base64)' : 'Secret value'} value={value.text} onChange={() => undefined} readOnly rows={5} />
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog key="ask" title={`View Secret ${versionId}`} confirmLabel="Yes" onClose={onClose} onConfirm={async () => setValue(await readVersionValue(api, name, versionId))} keepOpen>
      <p>Secret values are generally obtained via APIs. Checking the values on the console incurs security risks. Show the value of {versionId}?</p>
    </ConfirmDialog>
  );
}

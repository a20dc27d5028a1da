import { useState } from 'react';
import type { KeyDetails } from '../../api/kms';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { KeyActionDialog, runKeyAction, type KeyAction } from './key-action-dialog';
import { isDefaultKey, isDisabled, isEnabled, isPendingDeletion, isPendingImport, materialDeletable } from './key-format';
import { DeleteMaterialDialog } from './key-material-dialog';
import { AddToProjectDialog } from './key-project-dialog';
import { KMS_ROUTES } from './paths';

const DONE: Readonly<Record<KeyAction, (name: string, days: number) => string>> = {
  enable: (name) => `Key ${name} enabled.`,
  disable: (name) => `Key ${name} disabled.`,
  delete: (name, days) => `Key ${name} is scheduled for deletion in ${days} days.`,
  cancel: (name) => `Deletion of key ${name} cancelled; the key is disabled.`,
};

/** A key's operations as the guide's key list offers them (1.4.2–1.4.5, 1.3.2's Import Key Material), each behind its dialog. */
export function KeyActions({ keyInfo, onDone }: { readonly keyInfo: KeyDetails; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const [open, setOpen] = useState<KeyAction | 'project' | 'material' | null>(null);
  if (isDefaultKey(keyInfo)) return null;
  const name = keyInfo.key_alias || keyInfo.key_id;
  const close = () => setOpen(null);
  const button = (action: KeyAction | 'project' | 'material', label: string) => (
    <button type="button" onClick={() => setOpen(action)} aria-label={`${label} ${name}`}>
      {label}
    </button>
  );
  return (
    <div className="row-actions">
      {isDisabled(keyInfo) ? button('enable', 'Enable') : null}
      {isEnabled(keyInfo) ? button('disable', 'Disable') : null}
      {isPendingImport(keyInfo) ? <Link to={pathTo(KMS_ROUTES.importInto, { keyId: keyInfo.key_id })}>Import Key Material</Link> : null}
      {isEnabled(keyInfo) || isDisabled(keyInfo) || isPendingImport(keyInfo) ? button('delete', 'Delete') : null}
      {isPendingDeletion(keyInfo) ? button('cancel', 'Cancel Deletion') : null}
      {materialDeletable(keyInfo) ? button('material', 'Delete Key Material') : null}
      {button('project', 'Add to Project')}
      {open === 'project' ? <AddToProjectDialog keyInfo={keyInfo} onClose={close} onDone={onDone} /> : null}
      {open === 'material' ? <DeleteMaterialDialog keyInfo={keyInfo} onClose={close} onDone={onDone} /> : null}
      {open && open !== 'project' && open !== 'material' ? (
        <KeyActionDialog
          action={open}
          subject={`key ${name}`}
          onClose={close}
          onConfirm={async (days) => (await runKeyAction(api, open, keyInfo.key_id, days), onDone(DONE[open](name, days)))}
        />
      ) : null}
    </div>
  );
}

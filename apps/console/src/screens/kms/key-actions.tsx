import { useState } from 'react';
import { cancelKeyDeletion, disableKey, enableKey, scheduleKeyDeletion, type KeyDetails } from '../../api/kms';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { TextField } from '../../ui/field';
import { isDefaultKey, isDisabled, isEnabled, isPendingDeletion } from './key-format';

type Action = 'enable' | 'disable' | 'delete' | 'cancel';

const MIN_DAYS = 7;
const MAX_DAYS = 1096;

/**
 * A key's operations as the guide's key list offers them (1.4.2–1.4.5), each behind its dialog:
 * disable and delete ask "I understand the impact…", enable and cancel ask OK.
 */
export function KeyActions({ keyInfo, onDone }: { readonly keyInfo: KeyDetails; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const [open, setOpen] = useState<Action | null>(null);
  const [days, setDays] = useState(String(MIN_DAYS));
  if (isDefaultKey(keyInfo)) return null;
  const name = keyInfo.key_alias || keyInfo.key_id;
  const close = () => setOpen(null);
  const daysOk = /^\d+$/.test(days) && Number(days) >= MIN_DAYS && Number(days) <= MAX_DAYS;
  const button = (action: Action, label: string) => (
    <button type="button" onClick={() => setOpen(action)} aria-label={`${label} ${name}`}>
      {label}
    </button>
  );
  return (
    <div className="row-actions">
      {isDisabled(keyInfo) ? button('enable', 'Enable') : null}
      {isEnabled(keyInfo) ? button('disable', 'Disable') : null}
      {isEnabled(keyInfo) || isDisabled(keyInfo) ? button('delete', 'Delete') : null}
      {isPendingDeletion(keyInfo) ? button('cancel', 'Cancel Deletion') : null}
      {open === 'enable' ? (
        <ConfirmDialog title={`Enable key ${name}`} onClose={close} onConfirm={async () => (await enableKey(api, keyInfo.key_id), onDone(`Key ${name} enabled.`))}>
          <p>The key can encrypt and decrypt data again.</p>
        </ConfirmDialog>
      ) : null}
      {open === 'disable' ? (
        <ConfirmDialog
          title={`Disable key ${name}`}
          acknowledgement="I understand the impact of disabling keys"
          onClose={close}
          onConfirm={async () => (await disableKey(api, keyInfo.key_id), onDone(`Key ${name} disabled.`))}
        >
          <p>After being disabled, the key cannot be used to encrypt or decrypt any data until it is enabled again.</p>
        </ConfirmDialog>
      ) : null}
      {open === 'delete' ? (
        <ConfirmDialog
          title={`Schedule deletion of key ${name}`}
          acknowledgement="I understand the impact of deleting keys"
          confirmLabel="Schedule deletion"
          ready={daysOk}
          onClose={close}
          onConfirm={async () => (await scheduleKeyDeletion(api, keyInfo.key_id, Number(days)), onDone(`Key ${name} is scheduled for deletion in ${days} days.`))}
        >
          <p>
            The key is deleted when the waiting period ends; until then you can cancel the deletion. Once it is deleted, data encrypted under it can never be decrypted.
          </p>
          <TextField label="Waiting period (days)" type="number" min={MIN_DAYS} max={MAX_DAYS} value={days} onChange={setDays} required hint={`${MIN_DAYS} to ${MAX_DAYS} days.`} />
        </ConfirmDialog>
      ) : null}
      {open === 'cancel' ? (
        <ConfirmDialog title={`Cancel the deletion of key ${name}`} onClose={close} onConfirm={async () => (await cancelKeyDeletion(api, keyInfo.key_id), onDone(`Deletion of key ${name} cancelled; the key is disabled.`))}>
          <p>The key stays, in Disabled status. Enable it to use it again.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

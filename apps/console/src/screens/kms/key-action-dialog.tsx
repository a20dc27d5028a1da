import { useState } from 'react';
import { cancelKeyDeletion, disableKey, enableKey, scheduleKeyDeletion } from '../../api/kms';
import type { Api } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { TextField } from '../../ui/field';

export type KeyAction = 'enable' | 'disable' | 'delete' | 'cancel';

export const MIN_PENDING_DAYS = 7;
export const MAX_PENDING_DAYS = 1096;

/** One key's call for an action; `days` is the waiting period of a scheduled deletion. */
export function runKeyAction(api: Api, action: KeyAction, keyId: string, days: number): Promise<unknown> {
  switch (action) {
    case 'enable':
      return enableKey(api, keyId);
    case 'disable':
      return disableKey(api, keyId);
    case 'delete':
      return scheduleKeyDeletion(api, keyId, days);
    case 'cancel':
      return cancelKeyDeletion(api, keyId);
  }
}

/**
 * The guide's dialog for an action on one key or several (1.4.2–1.4.5): disable and delete ask
 * "I understand the impact of …", enable and cancel ask OK. `subject` is "key <name>" or "3 keys".
 */
export function KeyActionDialog({ action, subject, onClose, onConfirm }: {
  readonly action: KeyAction;
  readonly subject: string;
  readonly onClose: () => void;
  readonly onConfirm: (days: number) => Promise<void>;
}) {
  const [days, setDays] = useState(String(MIN_PENDING_DAYS));
  const daysOk = /^\d+$/.test(days) && Number(days) >= MIN_PENDING_DAYS && Number(days) <= MAX_PENDING_DAYS;
  const confirm = () => onConfirm(Number(days));
  switch (action) {
    case 'enable':
      return (
        <ConfirmDialog title={`Enable ${subject}`} onClose={onClose} onConfirm={confirm}>
          <p>Once enabled, a key can encrypt and decrypt data again.</p>
        </ConfirmDialog>
      );
    case 'disable':
      return (
        <ConfirmDialog title={`Disable ${subject}`} acknowledgement="I understand the impact of disabling keys" onClose={onClose} onConfirm={confirm}>
          <p>After being disabled, a key cannot be used to encrypt or decrypt any data until it is enabled again.</p>
        </ConfirmDialog>
      );
    case 'delete':
      return (
        <ConfirmDialog
          title={`Schedule deletion of ${subject}`}
          acknowledgement="I understand the impact of deleting keys"
          confirmLabel="Schedule deletion"
          ready={daysOk}
          onClose={onClose}
          onConfirm={confirm}
        >
          <p>A key is deleted when the waiting period ends; until then you can cancel the deletion. Once it is deleted, data encrypted under it can never be decrypted.</p>
          <TextField label="Waiting period (days)" type="number" min={MIN_PENDING_DAYS} max={MAX_PENDING_DAYS} value={days} onChange={setDays} required hint={`${MIN_PENDING_DAYS} to ${MAX_PENDING_DAYS} days.`} />
        </ConfirmDialog>
      );
    case 'cancel':
      return (
        <ConfirmDialog title={`Cancel the deletion of ${subject}`} onClose={onClose} onConfirm={confirm}>
          <p>A key whose deletion is cancelled stays, in Disabled status: enable it to use it again.</p>
        </ConfirmDialog>
      );
  }
}

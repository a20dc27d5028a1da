import { useState } from 'react';
import { deleteHsm, type HsmListItem } from '../../api/dhsm';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { RowButton } from '../../ui/row-button';
import { ActivateDialog } from './activate-dialog';
import { canActivate, canDelete, canRenew } from './hsm-format';
import { RenewDialog } from './renew-dialog';

/** An instance's operations as the guide's list offers them: Activate (4.2.2), Renew and Delete, each behind its dialog. */
export function HsmActions(p: { readonly instance: HsmListItem; readonly onDone: (message: string) => void; readonly onDeleted?: (message: string) => void }) {
  const { instance, onDone } = p;
  const onDeleted = p.onDeleted ?? onDone;
  const { api } = useSignedIn();
  const [open, setOpen] = useState<'activate' | 'renew' | 'delete' | null>(null);
  const close = () => setOpen(null);
  const name = instance.name || instance.id;
  return (
    <div className="row-actions">
      {canActivate(instance) ? <RowButton label="Activate" subject={name} onClick={() => setOpen('activate')} /> : null}
      {canRenew(instance) ? <RowButton label="Renew" subject={name} onClick={() => setOpen('renew')} /> : null}
      {canDelete(instance) ? <RowButton label="Delete" subject={name} onClick={() => setOpen('delete')} /> : null}
      {open === 'activate' ? <ActivateDialog instance={instance} onClose={close} onDone={onDone} /> : null}
      {open === 'renew' ? <RenewDialog instance={instance} onClose={close} onDone={onDone} /> : null}
      {open === 'delete' ? (
        <ConfirmDialog
          title={`Delete Dedicated HSM instance ${name}`}
          acknowledgement="I understand that deleting the instance destroys its keys and cannot be undone"
          confirmLabel="Delete"
          onClose={close}
          onConfirm={async () => (await deleteHsm(api, instance.id), onDeleted(`Instance ${name} deleted.`))}
        >
          <p>
            Its two nodes are stopped and its keys, certificates and floating address are released. A deleted instance cannot be restored and is not refunded; if it failed to be
            created, apply for a refund by submitting a service ticket.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

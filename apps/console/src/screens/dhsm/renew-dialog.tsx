import { useState } from 'react';
import { renewHsm, type HsmListItem } from '../../api/dhsm';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { TextField } from '../../ui/field';
import { formatIso } from './hsm-format';

/**
 * Renew: 1 to 12 more months. A running instance's period is extended from its expiry; a frozen
 * one runs again from now (docs/hsm.md, "Lifecycle").
 */
export function RenewDialog({ instance, onClose, onDone }: { readonly instance: HsmListItem; readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const [months, setMonths] = useState('1');
  const name = instance.name || instance.id;
  const renew = async () => {
    const renewed = await renewHsm(api, instance.id, Number(months));
    onDone(`Instance ${name} renewed until ${formatIso(renewed.expire_time)}.`);
  };
  return (
    <ConfirmDialog title={`Renew ${name}`} confirmLabel="Renew" ready={/^\d+$/.test(months)} onClose={onClose} onConfirm={renew}>
      <p>
        {instance.status === 'Frozen'
          ? 'The instance is frozen: renewing it makes it run again, paid from now.'
          : `It expires ${formatIso(instance.expire_time)}; the renewal extends it from then.`}
      </p>
      <TextField label="Renewal duration (months)" type="number" min={1} max={12} value={months} onChange={setMonths} required hint="One month to one year." />
    </ConfirmDialog>
  );
}

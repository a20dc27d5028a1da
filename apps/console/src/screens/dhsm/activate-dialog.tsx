import { useState } from 'react';
import { activateHsm, type HsmListItem } from '../../api/dhsm';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Checkbox, SelectField, TextField } from '../../ui/field';

const HSM_TYPES = ['Finance', 'Server', 'Signature server'];
const NAME_HINT = 'Letters, digits, underscores (_) and hyphens (-).';

/**
 * Guide 4.2.2: AZ, the parameters of table 4-3 and the platinum edition's duration (1 to 12
 * months) and auto-renewal. The API checks each field and names the one it refuses.
 */
export function ActivateDialog({ instance, onClose, onDone }: { readonly instance: HsmListItem; readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const [az, setAz] = useState(instance.availability_zone ?? 'dew-1a');
  const [name, setName] = useState(instance.name);
  const [hsmType, setHsmType] = useState(HSM_TYPES[0] ?? '');
  const [vpc, setVpc] = useState('');
  const [subnet, setSubnet] = useState('');
  const [securityGroup, setSecurityGroup] = useState('');
  const [months, setMonths] = useState('1');
  const [autoRenew, setAutoRenew] = useState(false);
  const ready = [az, name, vpc, subnet, securityGroup].every((v) => v.trim() !== '') && /^\d+$/.test(months);
  const activate = async () => {
    const done = await activateHsm(api, instance.id, {
      availability_zone: az.trim(), name: name.trim(), hsm_type: hsmType, vpc_id: vpc.trim(), subnet_id: subnet.trim(), security_group_id: securityGroup.trim(),
      period_num: Number(months), auto_renew: autoRenew,
    });
    onDone(`Instance ${done.name} activated: ${done.status}.`);
  };
  return (
    <ConfirmDialog title={`Activate ${instance.name || instance.id}`} confirmLabel="Create Now" ready={ready} onClose={onClose} onConfirm={activate}>
      <TextField label="AZ" value={az} onChange={setAz} required />
      <TextField label="Instance Name" value={name} onChange={setName} required maxLength={64} hint={NAME_HINT} />
      <SelectField label="HSM Type" value={hsmType} onChange={setHsmType} options={HSM_TYPES.map((t) => ({ value: t, label: t }))} />
      <TextField label="VPC" value={vpc} onChange={setVpc} required hint={NAME_HINT} />
      <TextField label="NIC (subnet)" value={subnet} onChange={setSubnet} required hint="Three addresses of the subnet are assigned: two nodes and the floating address." />
      <TextField label="Security Group" value={securityGroup} onChange={setSecurityGroup} required />
      <TextField label="Required duration (months)" type="number" min={1} max={12} value={months} onChange={setMonths} required hint="One month to one year." />
      <Checkbox label="Auto-renew" checked={autoRenew} onChange={setAutoRenew} />
    </ConfirmDialog>
  );
}

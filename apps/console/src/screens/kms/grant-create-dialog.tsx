import { useState } from 'react';
import type { NewGrant } from '../../api/kms-key-settings';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Checkbox, TextField } from '../../ui/field';
import { GRANT_OPERATIONS, operationsValid } from './grant-format';

/** Figure 1-31/1-32: a user or an account, its ID, and the operations it may perform on the key. */
export function GrantCreateDialog({ keyId, onClose, create }: { readonly keyId: string; readonly onClose: () => void; readonly create: (g: NewGrant) => Promise<void> }) {
  const [type, setType] = useState<'user' | 'domain'>('user');
  const [grantee, setGrantee] = useState('');
  const [retiring, setRetiring] = useState('');
  const [ops, setOps] = useState<readonly string[]>([]);
  const toggle = (op: string, on: boolean) => setOps((o) => (on ? [...o, op] : o.filter((x) => x !== op)));
  const all = ops.length === GRANT_OPERATIONS.length;
  const ready = grantee.trim() !== '' && operationsValid(ops);
  return (
    <ConfirmDialog
      title="Create Grant"
      ready={ready}
      onClose={onClose}
      onConfirm={() => create({ granteePrincipalType: type, granteePrincipal: grantee.trim(), operations: ops, ...(retiring.trim() ? { retiringPrincipal: retiring.trim() } : {}) })}
    >
      <p>
        Key ID <code>{keyId}</code>
      </p>
      <fieldset className="segmented">
        <legend>User or Account</legend>
        {(['user', 'domain'] as const).map((t) => (
          <label key={t}>
            <input type="radio" name="grantee-type" checked={type === t} onChange={() => setType(t)} />
            {t === 'user' ? 'User' : 'Account'}
          </label>
        ))}
      </fieldset>
      <TextField
        label={type === 'user' ? 'User ID' : 'Account ID'}
        value={grantee}
        onChange={setGrantee}
        required
        hint={type === 'user' ? 'The IAM user ID of the grantee (My Credentials, IAM User ID).' : 'The account ID: every IAM user of that account may use the key.'}
      />
      <fieldset className="operations">
        <legend>Granted Operations</legend>
        <Checkbox label="Select all" checked={all} onChange={(on) => setOps(on ? GRANT_OPERATIONS.map(([o]) => o) : [])} />
        {GRANT_OPERATIONS.map(([op, label]) => (
          <Checkbox key={op} label={label} checked={ops.includes(op)} onChange={(on) => toggle(op, on)} />
        ))}
        {ops.length === 1 && ops[0] === 'create-grant' ? <small>Create Grant alone is not allowed: choose another operation too.</small> : null}
      </fieldset>
      <TextField label="Retiring principal (optional)" value={retiring} onChange={setRetiring} hint="A user ID that may retire this grant, besides the grantee." />
    </ConfirmDialog>
  );
}

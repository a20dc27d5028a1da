import { useState } from 'react';
import { updateKeypairDescription, upgradeKeypair, type KeypairListItem } from '../../api/kps';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { SelectField, TextArea } from '../../ui/field';

/** Guide 3.4.2: a key pair's description, changed in place (KPS keeps at most 255 characters). */
export function DescriptionDialog({ name, description, onClose, onDone }: { readonly name: string; readonly description: string; readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const [text, setText] = useState(description);
  return (
    <ConfirmDialog
      title={`Modify Description of ${name}`}
      onClose={onClose}
      onConfirm={async () => (await updateKeypairDescription(api, name, text), onDone(`The description of ${name} was changed.`))}
    >
      <TextArea label="Description" value={text} onChange={setText} rows={3} hint="At most 255 characters." />
    </ConfirmDialog>
  );
}

/**
 * Guide 3.3 steps 5–6: Upgrade Key Pair, pick one of the user's own key pairs, OK. It then shows
 * as an account key pair, usable by every user of the account.
 */
export function UpgradeDialog({ keypairs, onClose, onDone }: { readonly keypairs: readonly KeypairListItem[]; readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const upgradable = keypairs.filter((k) => k.scope !== 'domain');
  const [name, setName] = useState(upgradable[0]?.name ?? '');
  return (
    <ConfirmDialog
      title="Upgrade Key Pair"
      ready={name !== ''}
      onClose={onClose}
      onConfirm={async () => (await upgradeKeypair(api, name), onDone(`Key pair ${name} is now an account key pair.`))}
    >
      <p>An account key pair can be used by all the users under your account. The upgrade cannot be undone.</p>
      {upgradable.length ? (
        <SelectField label="Key pair to upgrade" value={name} onChange={setName} options={upgradable.map((k) => ({ value: k.name, label: k.name }))} />
      ) : (
        <p>Every key pair on this page is already an account key pair.</p>
      )}
    </ConfirmDialog>
  );
}

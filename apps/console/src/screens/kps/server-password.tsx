import { useState } from 'react';
import { windowsPassword, type Server } from '../../api/kps';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { SelectField, TextField } from '../../ui/field';
import { KeyTextField } from './key-text-field';

type Source = 'file' | 'hosted';

/**
 * Guide 3.7 steps 5–7 on DEW's inventory: the Windows server's administrator password, decrypted
 * with the private key given (Select File or pasted; sent once, never kept) or with the private
 * key DEW manages for one of the user's key pairs. The password lives in this dialog only and
 * leaves with it.
 */
export function WindowsPasswordDialog({ server, keypairNames, onClose }: { readonly server: Server; readonly keypairNames: readonly string[]; readonly onClose: () => void }) {
  const { api } = useSignedIn();
  const [source, setSource] = useState<Source>('file');
  const [privateKey, setPrivateKey] = useState('');
  const [keypair, setKeypair] = useState(server.keypair_name ?? keypairNames[0] ?? '');
  const [password, setPassword] = useState<string | null>(null);
  const get = async () => {
    const by = source === 'file' ? { private_key: privateKey } : { keypair_name: keypair };
    setPassword(await windowsPassword(api, server.id, by));
    setPrivateKey('');
  };
  return (
    <ConfirmDialog title={`Get Password of ${server.name}`} confirmLabel="Get Password" keepOpen ready={source === 'hosted' ? keypair !== '' : privateKey.trim() !== ''} onClose={onClose} onConfirm={get}>
      <fieldset className="segmented">
        <legend>Decrypt with</legend>
        <label>
          <input type="radio" name="password-source" checked={source === 'file'} onChange={() => setSource('file')} />
          Private key file
        </label>
        <label>
          <input type="radio" name="password-source" checked={source === 'hosted'} onChange={() => setSource('hosted')} />
          Private key managed by DEW
        </label>
      </fieldset>
      {source === 'file' ? (
        <KeyTextField label="Private key" accept=".pem" value={privateKey} onChange={setPrivateKey} />
      ) : (
        <SelectField label="Key pair" value={keypair} onChange={setKeypair} options={keypairNames.map((n) => ({ value: n, label: n }))} />
      )}
      {password !== null ? (
        <>
          <TextField label="Administrator password" value={password} onChange={() => undefined} readOnly />
          <p>Record the password, then close this dialog: the console keeps no copy.</p>
        </>
      ) : null}
    </ConfirmDialog>
  );
}

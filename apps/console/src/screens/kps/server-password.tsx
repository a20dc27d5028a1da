import { useState } from 'react';
import { windowsPassword, type Server } from '../../api/kps';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { TextField } from '../../ui/field';
import { KeyTextField } from './key-text-field';

type Source = 'file' | 'hosted';

/**
 * Guide 3.7 steps 5–7 on DEW's inventory: the Windows server's administrator password, decrypted
 * with the private key given (Select File or pasted; sent once, never kept) or with the bound key
 * pair's private key DEW manages. The password lives in this dialog only and leaves with it.
 */
export function WindowsPasswordDialog({ server, onClose }: { readonly server: Server; readonly onClose: () => void }) {
  const { api } = useSignedIn();
  const [source, setSource] = useState<Source>('file');
  const [privateKey, setPrivateKey] = useState('');
  const [password, setPassword] = useState<string | null>(null);
  const get = async () => {
    const by = source === 'file' ? { private_key: privateKey } : { keypair_name: server.keypair_name ?? '' };
    setPassword(await windowsPassword(api, server.id, by));
    setPrivateKey('');
  };
  return (
    <ConfirmDialog title={`Get Password of ${server.name}`} confirmLabel="Get Password" keepOpen ready={source === 'hosted' || privateKey.trim() !== ''} onClose={onClose} onConfirm={get}>
      <fieldset className="segmented">
        <legend>Decrypt with</legend>
        <label>
          <input type="radio" name="password-source" checked={source === 'file'} onChange={() => setSource('file')} />
          Private key file
        </label>
        <label>
          <input type="radio" name="password-source" checked={source === 'hosted'} onChange={() => setSource('hosted')} disabled={!server.keypair_name} />
          Managed private key of {server.keypair_name ?? 'the bound key pair'}
        </label>
      </fieldset>
      {source === 'file' ? <KeyTextField label="Private key" accept=".pem" value={privateKey} onChange={setPrivateKey} /> : null}
      {password !== null ? (
        <>
          <TextField label="Administrator password" value={password} onChange={() => undefined} readOnly />
          <p>Record the password, then close this dialog: the console keeps no copy.</p>
        </>
      ) : null}
    </ConfirmDialog>
  );
}

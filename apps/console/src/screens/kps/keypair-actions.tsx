import { useState } from 'react';
import { clearPrivateKey, deleteKeypair, exportPrivateKey, importPrivateKey } from '../../api/kps';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { saveFile } from '../../ui/save-file';
import { EnvelopeKeyField } from '../kms/envelope-keys';
import { KeyTextField } from './key-text-field';
import { DISCLAIMER, privateKeyFileName } from './kps-format';

type Open = 'import' | 'export' | 'clear' | 'delete' | null;

export interface KeypairChange {
  readonly message: string;
  /** The key pair no longer exists. */
  readonly gone?: boolean;
}

/**
 * A key pair's operations (guide 3.4.6, 3.5): Import Private Key when DEW does not hold it,
 * Export and Clear when it does, and Delete. An exported key goes straight into a file.
 */
export function KeypairActions({ name, hosted, onDone }: { readonly name: string; readonly hosted: boolean; readonly onDone: (change: KeypairChange) => void }) {
  const { api } = useSignedIn();
  const [open, setOpen] = useState<Open>(null);
  const [privateKey, setPrivateKey] = useState('');
  const [kmsKey, setKmsKey] = useState('');
  const close = () => (setOpen(null), setPrivateKey(''));
  const button = (action: Exclude<Open, null>, label: string) => (
    <button type="button" onClick={() => setOpen(action)} aria-label={`${label} of ${name}`}>
      {label}
    </button>
  );
  return (
    <div className="row-actions">
      {hosted ? button('export', 'Export Private Key') : button('import', 'Import Private Key')}
      {hosted ? button('clear', 'Clear Private Key') : null}
      {button('delete', 'Delete')}
      {open === 'import' ? (
        <ConfirmDialog
          title={`Import Private Key of ${name}`}
          acknowledgement={DISCLAIMER}
          ready={privateKey.trim() !== ''}
          onClose={close}
          onConfirm={async () => (await importPrivateKey(api, name, privateKey, kmsKey), onDone({ message: `The private key of ${name} is now managed by DEW.` }))}
        >
          <p>The private key is encrypted under a KMS key and kept by DEW; you can export it any time. It must match the key pair&apos;s public key.</p>
          <KeyTextField label="Private Key" accept=".pem,.key" value={privateKey} onChange={setPrivateKey} />
          <EnvelopeKeyField api={api} label="KMS Encryption" defaultName="kps/default" value={kmsKey} onChange={setKmsKey} />
        </ConfirmDialog>
      ) : null}
      {open === 'export' ? (
        <ConfirmDialog
          title={`Export Private Key of ${name}`}
          acknowledgement={DISCLAIMER}
          onClose={close}
          onConfirm={async () => {
            saveFile(privateKeyFileName(name), await exportPrivateKey(api, name), 'application/x-pem-file');
            onDone({ message: `The private key of ${name} was downloaded as ${privateKeyFileName(name)}.` });
          }}
        >
          <p>The browser downloads the private key. Keep it safe.</p>
        </ConfirmDialog>
      ) : null}
      {open === 'clear' ? (
        <ConfirmDialog title={`Clear Private Key of ${name}`} onClose={close} onConfirm={async () => (await clearPrivateKey(api, name), onDone({ message: `The private key of ${name} was cleared from DEW.` }))}>
          <p>After the private key is cleared, DEW cannot give it back. To have it managed again, import it.</p>
        </ConfirmDialog>
      ) : null}
      {open === 'delete' ? (
        <ConfirmDialog title={`Delete Key Pair ${name}`} onClose={close} onConfirm={async () => (await deleteKeypair(api, name), onDone({ message: `Key pair ${name} deleted.`, gone: true }))}>
          <p>A deleted key pair cannot be recovered; a private key DEW manages for it is deleted with it. Servers it is bound to keep accepting its private key.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

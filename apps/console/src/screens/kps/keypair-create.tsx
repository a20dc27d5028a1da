import { useState } from 'react';
import { createKeypair } from '../../api/kps';
import { navigate } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { Checkbox, SelectField, TextField } from '../../ui/field';
import { flash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { saveFile } from '../../ui/save-file';
import { useAction } from '../../ui/use-action';
import { EnvelopeKeyField } from '../kms/envelope-keys';
import { KeyTextField } from './key-text-field';
import { DISCLAIMER, HOSTING, KEYPAIR_ALGORITHMS, privateKeyFileName } from './kps-format';
import { KPS_ROUTES } from './paths';

/**
 * Guide 3.1 (Create Key Pair) and 3.2 (Import Key Pair). A generated pair that DEW does not host
 * comes back with its private key once: it goes straight into a file download and nowhere else
 * (no state, no storage), so the console can never show or offer it again.
 */
export function KeypairCreate({ imported }: { readonly imported: boolean }) {
  const { api } = useSignedIn();
  const [name, setName] = useState('');
  const [algorithm, setAlgorithm] = useState<string>(KEYPAIR_ALGORITHMS[0]);
  const [publicKey, setPublicKey] = useState('');
  const [hosted, setHosted] = useState(false);
  const [privateKey, setPrivateKey] = useState('');
  const [kmsKey, setKmsKey] = useState('');
  const [agreed, setAgreed] = useState(false);
  const title = imported ? 'Import Key Pair' : 'Create Key Pair';

  const { busy, error, run } = useAction(async () => {
    const made = await createKeypair(api, {
      name,
      algorithm,
      ...(imported ? { publicKey: publicKey.trim() } : {}),
      ...(hosted ? { hosted: { kmsKeyId: kmsKey, ...(imported ? { privateKey } : {}) } } : {}),
    });
    if (made.private_key) {
      saveFile(privateKeyFileName(made.name), made.private_key, 'application/x-pem-file');
      flash(`Key pair ${made.name} created. Its private key was downloaded as ${privateKeyFileName(made.name)}: keep it safe, it cannot be downloaded again.`);
    } else {
      flash(`Key pair ${made.name} ${imported ? 'imported' : 'created'}${hosted ? '; its private key is managed by DEW' : ''}.`);
    }
    navigate(pathTo(KPS_ROUTES.detail, { name: made.name }));
  });
  return (
    <Page title={title} crumbs={[{ label: 'Key Pair Service' }, { label: 'Key Pairs', to: KPS_ROUTES.list }]}>
      <form onSubmit={run} className="form">
        <TextField label="Key Pair Name" value={name} onChange={setName} required maxLength={64} pattern="[A-Za-z0-9_\-]+" hint="1–64 letters, digits, underscores (_) and hyphens (-)." />
        {imported ? (
          <KeyTextField label="Public Key" accept=".pub,.txt" value={publicKey} onChange={setPublicKey} />
        ) : (
          <SelectField label="Type" value={algorithm} onChange={setAlgorithm} options={KEYPAIR_ALGORITHMS.map((a) => ({ value: a, label: a }))} />
        )}
        <Checkbox label={HOSTING} checked={hosted} onChange={setHosted} />
        {hosted ? (
          <>
            {imported ? <KeyTextField label="Private Key" accept=".pem,.key" value={privateKey} onChange={setPrivateKey} /> : null}
            <EnvelopeKeyField api={api} label="KMS Encryption" defaultName="kps/default" value={kmsKey} onChange={setKmsKey} />
          </>
        ) : null}
        {!imported && !hosted ? (
          <p className="notice info">The private key is downloaded once when the key pair is created. DEW does not keep it: if it is lost, bind the server to a new key pair.</p>
        ) : null}
        <Checkbox label={DISCLAIMER} checked={agreed} onChange={setAgreed} />
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !agreed}>
            {busy ? 'Working…' : 'OK'}
          </button>
          <a href={`#${KPS_ROUTES.list}`}>Cancel</a>
        </div>
      </form>
    </Page>
  );
}

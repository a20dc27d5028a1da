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
 * comes back with its private key once: the page then offers it as a download the user starts
 * with a click of their own (a download a script starts after an await may be refused, and the
 * key would be lost), and keeps it only until the user says it is saved (PrivateKeyOnce).
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
  const [once, setOnce] = useState<{ readonly name: string; readonly privateKey: string } | null>(null);
  const title = imported ? 'Import Key Pair' : 'Create Key Pair';

  const { busy, error, run } = useAction(async () => {
    const made = await createKeypair(api, {
      name,
      algorithm,
      ...(imported ? { publicKey: publicKey.trim() } : {}),
      ...(hosted ? { hosted: { kmsKeyId: kmsKey, ...(imported ? { privateKey } : {}) } } : {}),
    });
    if (made.private_key) return setOnce({ name: made.name, privateKey: made.private_key });
    flash(`Key pair ${made.name} ${imported ? 'imported' : 'created'}${hosted ? '; its private key is managed by DEW' : ''}.`);
    navigate(pathTo(KPS_ROUTES.detail, { name: made.name }));
  });
  if (once) {
    return (
      <Page title={title} crumbs={[{ label: 'Key Pair Service' }, { label: 'Key Pairs', to: KPS_ROUTES.list }]}>
        <PrivateKeyOnce
          name={once.name}
          privateKey={once.privateKey}
          onDone={() => {
            setOnce(null);
            flash(`Key pair ${once.name} created. Its private key was downloaded as ${privateKeyFileName(once.name)}: keep it safe, it cannot be downloaded again.`);
            navigate(pathTo(KPS_ROUTES.detail, { name: once.name }));
          }}
        />
      </Page>
    );
  }
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

/** The one offer of a new key pair's private key: a download the user starts, then their word that it is saved. */
function PrivateKeyOnce({ name, privateKey, onDone }: { readonly name: string; readonly privateKey: string; readonly onDone: () => void }) {
  const [downloaded, setDownloaded] = useState(false);
  const [saved, setSaved] = useState(false);
  const file = privateKeyFileName(name);
  return (
    <section className="panel" aria-labelledby="private-key-once">
      <h2 id="private-key-once">Private key of {name}</h2>
      <p className="notice info">Key pair {name} was created. Download its private key now: DEW does not keep it, and this page is the only time it is offered.</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => { saveFile(file, privateKey, 'application/x-pem-file'); setDownloaded(true); }}>
          Download Private Key ({file})
        </button>
      </div>
      <Checkbox label="I have saved the private key; it cannot be downloaded again." checked={saved} onChange={setSaved} />
      <div className="actions">
        <button type="button" disabled={!downloaded || !saved} onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}

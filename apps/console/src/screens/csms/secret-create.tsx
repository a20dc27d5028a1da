import { useState } from 'react';
import { createSecret } from '../../api/csms';
import { navigate } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { TextArea, TextField } from '../../ui/field';
import { flash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { useAction } from '../../ui/use-action';
import { EnvelopeKeyField } from '../kms/envelope-keys';
import { CSMS_ROUTES } from './paths';

const DEFAULT_KEY = '';

/** Guide 2.1, "Creating a Secret": name, value, description and the KMS key (csms/default unless chosen). */
export function SecretCreate() {
  const { api } = useSignedIn();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [description, setDescription] = useState('');
  const [kmsKey, setKmsKey] = useState(DEFAULT_KEY);

  const { busy, error, run } = useAction(async () => {
    const secret = await createSecret(api, { name, secret_string: value, description, ...(kmsKey ? { kms_key_id: kmsKey } : {}) });
    flash(`Secret ${secret.name} created.`);
    navigate(pathTo(CSMS_ROUTES.detail, { name: secret.name }));
  });
  return (
    <Page title="Create Secret" crumbs={[{ label: 'Cloud Secret Management Service' }, { label: 'Secrets', to: CSMS_ROUTES.list }]}>
      <form onSubmit={run} className="form">
        <TextField label="Secret name" value={name} onChange={setName} required maxLength={64} hint="Letters, digits, underscores (_), hyphens (-) and dots (.); up to 64 characters." />
        <TextArea label="Secret value" value={value} onChange={setValue} required rows={4} hint="Plain text, or key/value pairs as JSON." />
        <TextArea label="Description (optional)" value={description} onChange={setDescription} rows={2} />
        <EnvelopeKeyField api={api} label="KMS encryption key" defaultName="csms/default" value={kmsKey} onChange={setKmsKey} />
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'OK'}
          </button>
          <a href={`#${CSMS_ROUTES.list}`}>Cancel</a>
        </div>
      </form>
    </Page>
  );
}

import { useState } from 'react';
import { createKey } from '../../api/kms';
import { navigate } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { flash } from '../../ui/flash';
import { SelectField, TextArea, TextField } from '../../ui/field';
import { Page } from '../../ui/page';
import { useAction } from '../../ui/use-action';
import { KEY_SPECS, usagesOf } from './key-format';
import { KMS_ROUTES } from './paths';

/** Guide 1.2, "Creating a CMK": alias, algorithm, usage (fixed once created), description. */
export function KeyCreate() {
  const { api } = useSignedIn();
  const [alias, setAlias] = useState('');
  const [spec, setSpec] = useState('AES_256');
  const [usage, setUsage] = useState('ENCRYPT_DECRYPT');
  const [description, setDescription] = useState('');

  const chooseSpec = (s: string) => {
    setSpec(s);
    setUsage(usagesOf(s)[0] ?? 'ENCRYPT_DECRYPT');
  };
  const { busy, error, run } = useAction(async () => {
    const keyId = await createKey(api, { key_alias: alias, key_spec: spec, key_usage: usage, key_description: description });
    flash(`Key ${alias} created.`);
    navigate(pathTo(KMS_ROUTES.detail, { keyId }));
  });
  return (
    <Page title="Create Key" crumbs={[{ label: 'Key Management Service' }, { label: 'Custom keys', to: KMS_ROUTES.list }]}>
      <form onSubmit={run} className="form">
        <TextField label="Alias" value={alias} onChange={setAlias} required maxLength={255} hint="Letters, digits, underscores (_), hyphens (-), colons (:) and slashes (/); up to 255 characters." />
        <SelectField label="Key algorithm" value={spec} onChange={chooseSpec} options={KEY_SPECS.map((s) => ({ value: s.spec, label: s.spec }))} />
        <SelectField
          label="Usage"
          value={usage}
          onChange={setUsage}
          options={usagesOf(spec).map((u) => ({ value: u, label: u }))}
          hint="The usage is set when the key is created and cannot be changed afterwards."
        />
        <TextArea label="Description (optional)" value={description} onChange={setDescription} rows={2} />
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'OK'}
          </button>
          <a href={`#${KMS_ROUTES.list}`}>Cancel</a>
        </div>
      </form>
    </Page>
  );
}

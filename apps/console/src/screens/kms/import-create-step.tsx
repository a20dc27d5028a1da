import { useState } from 'react';
import { createKey, describeKey, type KeyDetails } from '../../api/kms';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { Checkbox } from '../../ui/field';
import { useAction } from '../../ui/use-action';
import { IMPORT_SPECS } from './import-format';
import { KeyFields, useKeyFields } from './key-fields';
import { KMS_ROUTES } from './paths';

/** Step 1 (guide 1.3.2 steps 5–8): a key of origin External with no material yet (Pending import). */
export function ImportCreateStep({ onCreated }: { readonly onCreated: (key: KeyDetails) => void }) {
  const { api } = useSignedIn();
  const fields = useKeyFields('AES_256');
  const [understood, setUnderstood] = useState(false);
  const { busy, error, run } = useAction(async () => {
    const keyId = await createKey(api, { ...fields.values, origin: 'external' });
    onCreated(await describeKey(api, keyId));
  });
  return (
    <form onSubmit={run} className="form">
      <KeyFields state={fields} specs={IMPORT_SPECS} />
      <p className="hint">
        KMS keeps imported material as safely as its own, but cannot make it again: keep a copy where it came from. Material you give an expiry is deleted after it, and the key
        then waits for an import again.
      </p>
      <Checkbox label="I understand the security and durability of using an imported key" checked={understood} onChange={setUnderstood} />
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !understood}>
          {busy ? 'Creating…' : 'Next'}
        </button>
        <a href={`#${KMS_ROUTES.list}`}>Cancel</a>
      </div>
    </form>
  );
}

import { useState } from 'react';
import type { KeyDetails } from '../../api/kms';
import { importKeyMaterial } from '../../api/kms-import';
import { navigate } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { FilePicker } from '../../ui/file-picker';
import { TextField } from '../../ui/field';
import { flash } from '../../ui/flash';
import { useAction } from '../../ui/use-action';
import type { WrappedFiles } from './import-material-step';
import { KMS_ROUTES } from './paths';

const DAY_MS = 24 * 3600 * 1000;

/** A datetime-local value (the viewer's zone, to the minute) for this instant. */
function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Step 4 (guide 1.3.2 steps 12–13, Table 1-9): the import token and whether the material expires; then the import. */
export function ImportTokenStep({ keyInfo, files, onBack }: { readonly keyInfo: KeyDetails; readonly files: WrappedFiles; readonly onBack: () => void }) {
  const { api } = useSignedIn();
  const [token, setToken] = useState<File | null>(null);
  const [expires, setExpires] = useState(false);
  const [expiresAt, setExpiresAt] = useState(() => localInputValue(Date.now() + DAY_MS));
  const expiryMs = new Date(expiresAt).getTime();
  const expiryOk = !expires || (Number.isFinite(expiryMs) && expiryMs > Date.now());
  const { busy, error, run } = useAction(async () => {
    if (!token) return;
    await importKeyMaterial(api, {
      keyId: keyInfo.key_id,
      importToken: (await token.text()).trim(),
      ...files,
      ...(expires ? { expirationTime: Math.floor(expiryMs / 1000) } : {}),
    });
    flash(`Key imported successfully: ${keyInfo.key_alias} is enabled.`);
    navigate(pathTo(KMS_ROUTES.detail, { keyId: keyInfo.key_id }));
  });
  return (
    <form onSubmit={run} className="form">
      <p>
        Key ID <code>{keyInfo.key_id}</code>
      </p>
      <FilePicker label="Key import token" onChange={setToken} required hint="The import token downloaded in step 2, for the same wrapping key." />
      <fieldset className="segmented">
        <legend>Key material expiration mode</legend>
        <label>
          <input type="radio" name="expiry-mode" checked={!expires} onChange={() => setExpires(false)} />
          Key material will never expire
        </label>
        <label>
          <input type="radio" name="expiry-mode" checked={expires} onChange={() => setExpires(true)} />
          Key material will expire
        </label>
      </fieldset>
      {expires ? (
        <TextField
          label="Expires at"
          type="datetime-local"
          value={expiresAt}
          onChange={setExpiresAt}
          required
          hint="After this time KMS deletes the material within 24 hours, and the key waits for an import again (Pending import)."
        />
      ) : null}
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !token || !expiryOk}>
          {busy ? 'Importing…' : 'OK'}
        </button>
        <button type="button" onClick={onBack} disabled={busy}>
          Previous
        </button>
      </div>
    </form>
  );
}

import { useEffect, useState } from 'react';
import type { KeyDetails } from '../../api/kms';
import { deleteKeyPolicy, putKeyPolicy, showKeyPolicy } from '../../api/kms-key-manage';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { JsonField } from '../../ui/json-field';
import { useAction } from '../../ui/use-action';
import { useLoad } from '../../ui/use-load';
import { parsePolicy, policyText } from '../iam/policy-text';
import { formatTime, isDefaultKey } from './key-format';

/** A starting point: allow one user (by IAM user ID) to encrypt and decrypt with the key (docs/authorization.md, "Key policies"). */
const EXAMPLE = `{
  "Version": "1.1",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["kms:cmk:encryptData", "kms:cmk:decryptData"],
      "Principal": { "IAM": ["user:<32 hex characters of the user ID>"] }
    }
  ]
}`;

const GRAMMAR = 'Version 1.1; each statement an Effect (Allow or Deny), its Actions (kms:cmk:…) and a Principal {"IAM": ["user:<user ID>", "domain:<account ID>"]}; no Resource.';

/**
 * The key's resource policy (one per key, `default`) as JSON: view, create, edit, delete. A syntax
 * error, and KMS's refusal of the content (KMS.2801 naming the place), show right under the editor.
 */
export function KeyPolicy({ keyInfo }: { readonly keyInfo: KeyDetails }) {
  const { api } = useSignedIn();
  const keyId = keyInfo.key_id;
  // Wrapped: `policy` null is a key without a policy, `data` null is not loaded yet.
  const stored = useLoad(async () => ({ policy: await showKeyPolicy(api, keyId) }), [api, keyId]);
  const [text, setText] = useState('');
  const [syntax, setSyntax] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const current = stored.data?.policy ?? null;
  const exists = current !== null;
  useEffect(() => {
    if (stored.data) setText(stored.data.policy ? policyText(JSON.parse(stored.data.policy.policy) as unknown) : EXAMPLE);
  }, [stored.data]);
  const save = useAction(async () => {
    const parsed = parsePolicy(text);
    if (!parsed.ok) return setSyntax(parsed.message);
    await putKeyPolicy(api, keyId, JSON.stringify(parsed.value), exists);
    setStatus(exists ? 'Key policy saved.' : 'Key policy created.');
    stored.reload();
  });
  if (isDefaultKey(keyInfo)) return <p className="hint">Default master keys have no key policy.</p>;
  const edit = (value: string) => (setText(value), setSyntax(null), save.reset());
  return (
    <>
      <StatusNotice message={status} />
      <ErrorNotice error={stored.error} />
      {!stored.data ? null : (
        <form onSubmit={save.run} className="form wide">
          <p className="hint">
            {exists ? `Policy default, last updated ${formatTime(current?.update_time)}.` : 'This key has no key policy: IAM policies and grants alone decide who may use it.'}
          </p>
          <JsonField label="Key policy (JSON)" hint={GRAMMAR} rows={14} value={text} onChange={edit} syntax={syntax} refusal={save.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={save.busy}>
              {save.busy ? 'Saving…' : exists ? 'Save Key Policy' : 'Create Key Policy'}
            </button>
            {exists ? (
              <button type="button" onClick={() => setDeleting(true)}>
                Delete Key Policy
              </button>
            ) : null}
          </div>
        </form>
      )}
      {deleting ? (
        <ConfirmDialog title="Delete Key Policy" onClose={() => setDeleting(false)} onConfirm={async () => (await deleteKeyPolicy(api, keyId), setStatus('Key policy deleted.'), stored.reload())}>
          <p>Principals the policy allows lose that access; IAM policies and grants still apply.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

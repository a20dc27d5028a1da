import { useEffect, useState } from 'react';
import { createCustomPolicy, showCustomPolicy, updateCustomPolicy, type PolicyForm } from '../../api/iam-admin';
import { navigate } from '../../router';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField, TextArea, TextField } from '../../ui/field';
import { flash } from '../../ui/flash';
import { JsonField } from '../../ui/json-field';
import { Page } from '../../ui/page';
import { useAction } from '../../ui/use-action';
import { useLoad } from '../../ui/use-load';
import { IAM_CRUMBS } from './iam-crumbs';
import { IAM_ROUTES } from './paths';
import { EXAMPLE_POLICY, parsePolicy, policyText } from './policy-text';

const SCOPES = [
  { value: 'XA', label: 'Project-level services' },
  { value: 'AX', label: 'Global services' },
];

/**
 * Guide 6.2, the JSON way: a custom policy written in a text editor, created or (with `policyId`)
 * edited. A syntax error, and IAM's refusal of the content, show right under the editor.
 */
export function PolicyEditor({ policyId }: { readonly policyId?: string }) {
  const { api } = useSignedIn();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<PolicyForm['type']>('XA');
  const [description, setDescription] = useState('');
  const [text, setText] = useState(policyId ? '' : EXAMPLE_POLICY);
  const [syntax, setSyntax] = useState<string | null>(null);
  const stored = useLoad(async () => (policyId ? showCustomPolicy(api, policyId) : null), [api, policyId]);
  useEffect(() => {
    const p = stored.data;
    if (!p) return;
    setName(p.display_name);
    setScope(p.type === 'AX' ? 'AX' : 'XA');
    setDescription(p.description);
    setText(policyText(p.policy));
  }, [stored.data]);

  const { busy, error, run, reset } = useAction(async () => {
    const parsed = parsePolicy(text);
    if (!parsed.ok) {
      setSyntax(parsed.message);
      return;
    }
    const form: PolicyForm = { display_name: name, type: scope, description, policy: parsed.value };
    const saved = policyId ? await updateCustomPolicy(api, policyId, form) : await createCustomPolicy(api, form);
    flash(`Policy ${saved.display_name} ${policyId ? 'saved' : 'created'}.`);
    navigate(IAM_ROUTES.policies);
  });
  const edit = (value: string) => {
    setText(value);
    setSyntax(null);
    reset();
  };
  return (
    <Page title={policyId ? `Edit policy ${stored.data?.display_name ?? ''}`.trim() : 'Create Custom Policy'} crumbs={[...IAM_CRUMBS, { label: 'Permissions', to: IAM_ROUTES.policies }]}>
      <ErrorNotice error={stored.error} />
      <form onSubmit={run} className="form wide">
        <TextField label="Policy Name" value={name} onChange={setName} required maxLength={64} />
        <SelectField label="Scope" value={scope} onChange={(v) => setScope(v === 'AX' ? 'AX' : 'XA')} options={SCOPES} />
        <TextArea label="Description (optional)" value={description} onChange={setDescription} rows={2} />
        <JsonField
          label="Policy Content (JSON)"
          value={text}
          onChange={edit}
          rows={16}
          hint="Version 1.1; each statement an Effect (Allow or Deny), its Actions (service:resource:action) and optionally its Resources."
          syntax={syntax}
          refusal={error}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'OK'}
          </button>
          <a href={`#${IAM_ROUTES.policies}`}>Cancel</a>
        </div>
      </form>
    </Page>
  );
}

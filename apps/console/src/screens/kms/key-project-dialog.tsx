import { useState } from 'react';
import { listKeys, type KeyDetails } from '../../api/kms';
import { updateKeyEnterpriseProject } from '../../api/kms-key-manage';
import { useSignedIn, type Api } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { SelectField, TextField } from '../../ui/field';
import { useLoad } from '../../ui/use-load';
import { enterpriseProjectLabel } from './key-format';

const DEFAULT_PROJECT = '0';
const ANOTHER = '\u0000another';

/** The enterprise projects the account's keys are in (DEW has no enterprise project registry), `default` first. */
async function knownProjects(api: Api): Promise<readonly string[]> {
  const seen = new Set<string>([DEFAULT_PROJECT]);
  let marker: string | undefined;
  do {
    const page = await listKeys(api, marker, 1000);
    for (const k of page.key_details) seen.add(k.sys_enterprise_project_id || DEFAULT_PROJECT);
    marker = page.truncated === 'true' ? page.next_marker : undefined;
  } while (marker);
  return [...seen];
}

/** Guide 1.4.6, Add to Project: select a project (one the account's keys use, or another by its ID), then OK. */
export function AddToProjectDialog({ keyInfo, onClose, onDone }: { readonly keyInfo: KeyDetails; readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const projects = useLoad(() => knownProjects(api), [api]);
  const current = keyInfo.sys_enterprise_project_id || DEFAULT_PROJECT;
  const [choice, setChoice] = useState(current);
  const [typed, setTyped] = useState('');
  const target = choice === ANOTHER ? typed.trim() : choice;
  const options = [
    ...(projects.data ?? [current]).map((p) => ({ value: p, label: p === DEFAULT_PROJECT ? 'default' : p })),
    { value: ANOTHER, label: 'Another enterprise project…' },
  ];
  const name = keyInfo.key_alias || keyInfo.key_id;
  return (
    <ConfirmDialog
      title="Add to Project"
      ready={target !== '' && target !== current}
      onClose={onClose}
      onConfirm={async () => (await updateKeyEnterpriseProject(api, keyInfo.key_id, target), onDone(`Key ${name} added to enterprise project ${target === DEFAULT_PROJECT ? 'default' : target}.`))}
    >
      <p>
        Key <strong>{name}</strong> is in enterprise project <strong>{enterpriseProjectLabel(keyInfo)}</strong>.
      </p>
      <SelectField label="Enterprise project" value={choice} onChange={setChoice} options={options} />
      {choice === ANOTHER ? <TextField label="Enterprise project ID" value={typed} onChange={setTyped} required maxLength={36} hint="Up to 36 letters, digits and hyphens (-)." /> : null}
    </ConfirmDialog>
  );
}

import { useState } from 'react';
import { attachPolicyIn, listGroups, listProjects, type AttachScope, type Policy } from '../../api/iam-admin';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField } from '../../ui/field';
import { useLoad } from '../../ui/use-load';

type ScopeKind = AttachScope['kind'];
const SCOPES: ReadonlyArray<{ readonly value: ScopeKind; readonly label: string }> = [
  { value: 'project', label: 'Region-specific projects' },
  { value: 'all-projects', label: 'All resources (every project)' },
  { value: 'global', label: 'Global services' },
];

/**
 * Guide 6.1 step 1: a policy granted to a user group, in a project of the account (the console's
 * by default, or another), in every project, or for global services.
 */
export function AttachDialog({ policy, onClose, onDone }: { readonly policy: Policy; readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  const { api, projectId, domainId } = useSignedIn();
  const groups = useLoad(() => listGroups(api), [api]);
  const projects = useLoad(() => listProjects(api), [api]);
  const [chosen, setChosen] = useState('');
  const [kind, setKind] = useState<ScopeKind>('project');
  const [project, setProject] = useState(projectId);
  const group = groups.data?.find((g) => g.id === chosen) ?? groups.data?.[0];
  const projectName = projects.data?.find((p) => p.id === project)?.name ?? project;
  const where = kind === 'project' ? `in project ${projectName}` : kind === 'global' ? 'for global services' : 'in every project';
  const scope: AttachScope = kind === 'project' ? { kind, projectId: project } : { kind };
  return (
    <ConfirmDialog
      title={`Attach ${policy.display_name}`}
      confirmLabel="Attach"
      ready={group !== undefined}
      onClose={onClose}
      onConfirm={async () => {
        if (!group) return;
        await attachPolicyIn(api, domainId, group.id, policy.id, scope);
        onDone(`Policy ${policy.display_name} attached to ${group.name} ${where}.`);
      }}
    >
      <p>The group&apos;s users get the policy&apos;s permissions {where}.</p>
      <ErrorNotice error={groups.error ?? projects.error} />
      {groups.data?.length === 0 ? <p>No user group yet: create one first.</p> : null}
      {groups.data?.length ? (
        <SelectField label="User group" value={group?.id ?? ''} onChange={setChosen} options={groups.data.map((g) => ({ value: g.id, label: g.name }))} />
      ) : null}
      <SelectField label="Authorization scope" value={kind} onChange={(v) => setKind(SCOPES.find((s) => s.value === v)?.value ?? 'project')} options={SCOPES} />
      {kind === 'project' ? (
        <SelectField label="Project" value={project} onChange={setProject} options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.id === projectId ? `${p.name} (current)` : p.name }))} />
      ) : null}
    </ConfirmDialog>
  );
}

import { useState } from 'react';
import { attachPolicy, listGroups, type Policy } from '../../api/iam-admin';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField } from '../../ui/field';
import { useLoad } from '../../ui/use-load';

/** Guide 6.1 step 1: a policy granted to a user group in the console's project. */
export function AttachDialog({ policy, onClose, onDone }: { readonly policy: Policy; readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  const { api, projectId, projects } = useSignedIn();
  const groups = useLoad(() => listGroups(api), [api]);
  const [chosen, setChosen] = useState('');
  const group = groups.data?.find((g) => g.id === chosen) ?? groups.data?.[0];
  const project = projects.find((p) => p.id === projectId)?.name ?? projectId;
  return (
    <ConfirmDialog
      title={`Attach ${policy.display_name}`}
      confirmLabel="Attach"
      ready={group !== undefined}
      onClose={onClose}
      onConfirm={async () => {
        if (!group) return;
        await attachPolicy(api, group.id, policy.id);
        onDone(`Policy ${policy.display_name} attached to ${group.name} in project ${project}.`);
      }}
    >
      <p>
        The group&apos;s users get the policy&apos;s permissions in project <strong>{project}</strong>.
      </p>
      <ErrorNotice error={groups.error} />
      {groups.data?.length === 0 ? <p>No user group yet: create one first.</p> : null}
      {groups.data?.length ? (
        <SelectField label="User group" value={group?.id ?? ''} onChange={setChosen} options={groups.data.map((g) => ({ value: g.id, label: g.name }))} />
      ) : null}
    </ConfirmDialog>
  );
}

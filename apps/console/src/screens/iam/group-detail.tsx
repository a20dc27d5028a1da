import { useState } from 'react';
import { addUserToGroup, detachPolicy, listGroupPolicies, listGroupUsers, listUsers, removeUserFromGroup, showGroup } from '../../api/iam-admin';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Details } from '../../ui/details';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { SelectField } from '../../ui/field';
import { takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { RowButton } from '../../ui/row-button';
import { ScrollTable } from '../../ui/scroll-table';
import { useAction } from '../../ui/use-action';
import { useLoad } from '../../ui/use-load';
import { IAM_CRUMBS } from './iam-crumbs';
import { IAM_ROUTES } from './paths';

/**
 * A user group (guide 6.1 steps 1–2): its users, added and removed here, and the policies it has
 * in the console's project (attached from the policy list, detached here).
 */
export function GroupDetail({ groupId }: { readonly groupId: string }) {
  const { api, projectId } = useSignedIn();
  const [status, setStatus] = useState<string | null>(takeFlash);
  const [chosen, setChosen] = useState('');
  const group = useLoad(() => showGroup(api, groupId), [api, groupId]);
  const members = useLoad(() => listGroupUsers(api, groupId), [api, groupId]);
  const everyone = useLoad(() => listUsers(api), [api]);
  const policies = useLoad(() => listGroupPolicies(api, groupId), [api, groupId, projectId]);
  const candidates = (everyone.data ?? []).filter((u) => !(members.data ?? []).some((m) => m.id === u.id));
  const pick = chosen || candidates[0]?.id || '';

  // Row operations (remove a user, detach a policy) change what someone may do, so each asks
  // first; a refusal shows in its dialog.
  const [confirming, setConfirming] = useState<{ readonly title: string; readonly text: string; readonly work: () => Promise<unknown>; readonly done: string; readonly reload: () => void } | null>(null);
  const add = useAction(async () => {
    const user = candidates.find((u) => u.id === pick);
    if (!user) return;
    await addUserToGroup(api, groupId, user.id);
    setChosen('');
    setStatus(`User ${user.name} added to the group.`);
    members.reload();
  });
  const name = group.data?.name ?? 'User group';
  return (
    <Page title={name} crumbs={[...IAM_CRUMBS, { label: 'User Groups', to: IAM_ROUTES.groups }]}>
      <StatusNotice message={status} />
      <ErrorNotice error={group.error} />
      {confirming ? (
        <ConfirmDialog
          title={confirming.title}
          onClose={() => setConfirming(null)}
          onConfirm={async () => {
            try {
              await confirming.work();
              setStatus(confirming.done);
            } finally {
              confirming.reload();
            }
          }}
        >
          <p>{confirming.text}</p>
        </ConfirmDialog>
      ) : null}
      {group.data ? (
        <Details items={[['Name', group.data.name], ['ID', <code key="id">{group.data.id}</code>], ['Description', group.data.description]]} />
      ) : null}
      <section aria-labelledby="members-title" className="panel">
        <h2 id="members-title">Users</h2>
        <ErrorNotice error={members.error ?? add.error} />
        {candidates.length ? (
          <form onSubmit={add.run} className="inline-form">
            <SelectField label="User to add" value={pick} onChange={setChosen} options={candidates.map((u) => ({ value: u.id, label: u.name }))} />
            <button type="submit" disabled={add.busy}>
              Add
            </button>
          </form>
        ) : null}
        {members.data?.length === 0 ? <p>No user in this group yet.</p> : null}
        {members.data?.length ? (
          <ScrollTable label={`Users of ${name}`} columns={['Username', 'Status', 'Operation']}>
            {members.data.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.name}</th>
                <td>{u.enabled ? 'Enabled' : 'Disabled'}</td>
                <td>
                  <RowButton label="Remove" subject={u.name} onClick={() => setConfirming({ title: `Remove ${u.name} from ${name}`, text: `${u.name} loses every permission the group's policies give, at once.`, work: () => removeUserFromGroup(api, groupId, u.id), done: `User ${u.name} removed from the group.`, reload: members.reload })} />
                </td>
              </tr>
            ))}
          </ScrollTable>
        ) : null}
      </section>
      <section aria-labelledby="policies-title" className="panel">
        <h2 id="policies-title">Policies in this project</h2>
        <ErrorNotice error={policies.error} />
        {policies.data?.length === 0 ? <p>No policy yet: attach one from the policy list.</p> : null}
        {policies.data?.length ? (
          <ScrollTable label={`Policies of ${name}`} columns={['Policy', 'Description', 'Operation']}>
            {policies.data.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.display_name}</th>
                <td>{p.description || '—'}</td>
                <td>
                  <RowButton label="Detach" subject={p.display_name} onClick={() => setConfirming({ title: `Detach ${p.display_name} from ${name}`, text: `Every user of the group loses what ${p.display_name} allows in this project, at once.`, work: () => detachPolicy(api, groupId, p.id), done: `Policy ${p.display_name} detached.`, reload: policies.reload })} />
                </td>
              </tr>
            ))}
          </ScrollTable>
        ) : null}
      </section>
    </Page>
  );
}

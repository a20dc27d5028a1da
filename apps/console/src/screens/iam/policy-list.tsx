import { useState } from 'react';
import { deleteCustomPolicy, listCustomPolicies, listSystemPolicies, type Policy } from '../../api/iam-admin';
import { Link } from '../../router';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { AttachDialog } from './attach-dialog';
import { IAM_CRUMBS } from './iam-crumbs';
import { PolicyTable } from './policy-table';
import { IAM_ROUTES } from './paths';

/** Guide 6.1 (table 6-1's system policies) and 6.2 (custom policies): each can be attached to a user group; a custom one can be deleted. */
export function PolicyList() {
  const { api } = useSignedIn();
  const [status, setStatus] = useState<string | null>(takeFlash);
  const [attaching, setAttaching] = useState<Policy | null>(null);
  const [deleting, setDeleting] = useState<Policy | null>(null);
  const custom = useLoad(() => listCustomPolicies(api), [api]);
  const system = useLoad(() => listSystemPolicies(api), [api]);
  return (
    <Page title="Permissions" crumbs={IAM_CRUMBS} actions={<Link to={IAM_ROUTES.createPolicy}>Create Custom Policy</Link>}>
      <StatusNotice message={status} />
      <section aria-labelledby="custom-title" className="panel">
        <h2 id="custom-title">Custom policies</h2>
        <ErrorNotice error={custom.error} />
        {custom.data?.length === 0 ? <p>No custom policy yet.</p> : null}
        {custom.data?.length ? <PolicyTable label="Custom policies" policies={custom.data} editable onAttach={setAttaching} onDelete={setDeleting} /> : null}
      </section>
      <section aria-labelledby="system-title" className="panel">
        <h2 id="system-title">System policies</h2>
        <ErrorNotice error={system.error} />
        {system.data ? <PolicyTable label="System policies" policies={system.data} editable={false} onAttach={setAttaching} /> : null}
      </section>
      {deleting ? (
        <ConfirmDialog
          title={`Delete policy ${deleting.display_name}`}
          acknowledgement="I understand that a deleted policy cannot be restored"
          confirmLabel="Delete"
          onClose={() => setDeleting(null)}
          onConfirm={async () => (await deleteCustomPolicy(api, deleting.id), setStatus(`Policy ${deleting.display_name} deleted.`), custom.reload())}
        >
          <p>IAM deletes a policy only once it is attached to no user group: detach it from each group first.</p>
        </ConfirmDialog>
      ) : null}
      {attaching ? <AttachDialog policy={attaching} onClose={() => setAttaching(null)} onDone={setStatus} /> : null}
    </Page>
  );
}

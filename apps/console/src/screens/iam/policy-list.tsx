import { useState } from 'react';
import { listCustomPolicies, listSystemPolicies, type Policy } from '../../api/iam-admin';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { AttachDialog } from './attach-dialog';
import { IAM_CRUMBS } from './iam-crumbs';
import { IAM_ROUTES } from './paths';

/** Guide 6.1 (table 6-1's system policies) and 6.2 (custom policies): each can be attached to a user group. */
export function PolicyList() {
  const { api } = useSignedIn();
  const [status, setStatus] = useState<string | null>(takeFlash);
  const [attaching, setAttaching] = useState<Policy | null>(null);
  const custom = useLoad(() => listCustomPolicies(api), [api]);
  const system = useLoad(() => listSystemPolicies(api), [api]);
  const attach = (p: Policy) => (
    <button type="button" onClick={() => setAttaching(p)} aria-label={`Attach ${p.display_name}`}>
      Attach
    </button>
  );
  return (
    <Page title="Permissions" crumbs={IAM_CRUMBS} actions={<Link to={IAM_ROUTES.createPolicy}>Create Custom Policy</Link>}>
      <StatusNotice message={status} />
      <section aria-labelledby="custom-title" className="panel">
        <h2 id="custom-title">Custom policies</h2>
        <ErrorNotice error={custom.error} />
        {custom.data?.length === 0 ? <p>No custom policy yet.</p> : null}
        {custom.data?.length ? (
          <ScrollTable label="Custom policies" columns={['Policy Name', 'Scope', 'Description', 'Operation']}>
            {custom.data.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={pathTo(IAM_ROUTES.policy, { policyId: p.id })}>{p.display_name}</Link>
                </th>
                <td>{p.type === 'AX' ? 'Global services' : 'Project-level services'}</td>
                <td>{p.description || '—'}</td>
                <td>{attach(p)}</td>
              </tr>
            ))}
          </ScrollTable>
        ) : null}
      </section>
      <section aria-labelledby="system-title" className="panel">
        <h2 id="system-title">System policies</h2>
        <ErrorNotice error={system.error} />
        {system.data ? (
          <ScrollTable label="System policies" columns={['Policy Name', 'Description', 'Operation']}>
            {system.data.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.display_name}</th>
                <td>{p.description || '—'}</td>
                <td>{attach(p)}</td>
              </tr>
            ))}
          </ScrollTable>
        ) : null}
      </section>
      {attaching ? <AttachDialog policy={attaching} onClose={() => setAttaching(null)} onDone={setStatus} /> : null}
    </Page>
  );
}

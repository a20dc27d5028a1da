import { useEffect, useState } from 'react';
import { showHsm } from '../../api/dhsm';
import { navigate } from '../../router';
import { useSignedIn } from '../../session';
import { Details } from '../../ui/details';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { flash, takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { usePolling } from '../../ui/use-polling';
import { HsmActions } from './hsm-actions';
import { HsmFiles } from './hsm-files';
import { followed, formatIso, isProvisioning, noteOf, POLL_MS, type Note } from './hsm-format';
import { HsmMonitoring } from './hsm-monitoring';
import { HsmProgress } from './hsm-progress';
import { DHSM_ROUTES } from './paths';

const dash = (v: string | null | undefined) => v ?? '—';

/** Guide 4.3 step 5 (table 4-5) and step 6 (monitoring); the page follows an instance that provisions. */
export function HsmDetail({ instanceId }: { readonly instanceId: string }) {
  const { api } = useSignedIn();
  const shown = useLoad(() => showHsm(api, instanceId), [api, instanceId]);
  const i = shown.data;
  const [note, setNote] = useState<Note | null>(() => noteOf(takeFlash()));
  useEffect(() => setNote((n) => followed(n, i)), [i]);
  usePolling(i !== null && isProvisioning(i), shown.reload, POLL_MS);
  const done = (message: string) => (setNote(noteOf(message)), shown.reload());
  const deleted = (message: string) => (flash(message), navigate(DHSM_ROUTES.list));
  return (
    <Page
      title={i ? i.name || i.id : 'Dedicated HSM instance'}
      crumbs={[{ label: 'Data Encryption Workshop' }, { label: 'Dedicated HSM', to: DHSM_ROUTES.list }]}
      actions={i ? <HsmActions instance={i} onDone={done} onDeleted={deleted} /> : null}
    >
      <StatusNotice message={note?.message ?? null} />
      <ErrorNotice error={shown.error} />
      {!i && shown.loading ? <p aria-busy="true">Loading the instance…</p> : null}
      {i ? (
        <>
          <Details
            items={[
              ['Name', i.name],
              ['ID', <code key="id">{i.id}</code>],
              ['Status', i.status],
              ['Service Edition', i.edition],
              ['Device Vendor', i.vendor],
              ['Device Model', i.model],
              ['HSM Type', dash(i.hsm_type)],
              ['AZ', dash(i.availability_zone)],
              ['VPC', dash(i.vpc_id)],
              ['Subnet', i.subnet_id ? `${i.subnet_id}${i.subnet_cidr ? ` (${i.subnet_cidr})` : ''}` : '—'],
              ['IP Address', dash(i.ip_address)],
              ['Nodes', i.node_addresses.length ? i.node_addresses.join(', ') : '—'],
              ['Security Group (SG)', dash(i.security_group_id)],
              ['Creation Time', formatIso(i.create_time)],
              ['Expiration Time', formatIso(i.expire_time)],
              ['Order', i.order_id],
              ['Billing Mode', i.billing_mode],
              ['UKey', i.ukey_fingerprint ? `${i.ukey_fingerprint}${i.ukey_downloaded ? ' (downloaded)' : ''}` : '—'],
              ...(i.failure_cause ? ([['Failure cause', i.failure_cause]] as const) : []),
            ]}
          />
          <HsmProgress instance={i} />
          {i.ukey_fingerprint !== null ? <HsmFiles instance={i} onDone={(m) => (setNote(noteOf(m)), shown.reload())} /> : null}
          {i.status === 'Running' || i.status === 'Frozen' ? <HsmMonitoring instanceId={i.id} /> : null}
        </>
      ) : null}
    </Page>
  );
}

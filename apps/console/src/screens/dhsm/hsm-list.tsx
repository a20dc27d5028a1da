import { useState } from 'react';
import { listHsms } from '../../api/dhsm';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { usePolling } from '../../ui/use-polling';
import { HsmActions } from './hsm-actions';
import { formatIso, isProvisioning, POLL_MS } from './hsm-format';
import { DHSM_ROUTES } from './paths';

const PER_PAGE = 20;

/** Guide 4.3 step 4, table 4-4: the instances of the project; the list refreshes itself while one provisions. */
export function HsmList() {
  const { api, projectId } = useSignedIn();
  // The API pages by offset; the pager's markers are those offsets.
  const [marker, setMarker] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | null>(takeFlash);
  const offset = Number(marker ?? 0);
  const listed = useLoad(() => listHsms(api, offset, PER_PAGE), [api, projectId, offset]);
  const instances = listed.data?.instances ?? [];
  usePolling(instances.some(isProvisioning), listed.reload, POLL_MS);
  const next = listed.data && offset + PER_PAGE < listed.data.total_count ? String(offset + PER_PAGE) : null;
  const done = (message: string) => (setStatus(message), listed.reload());
  return (
    <Page title="Dedicated HSM" crumbs={[{ label: 'Data Encryption Workshop' }]} actions={<Link to={DHSM_ROUTES.create}>Create Dedicated HSM</Link>}>
      <StatusNotice message={status} />
      <ErrorNotice error={listed.error} />
      {listed.loading && !listed.data ? <p aria-busy="true">Loading instances…</p> : null}
      {listed.data ? (
        instances.length === 0 ? (
          <p>No Dedicated HSM instance yet. Create one to get an HSM of your own.</p>
        ) : (
          <ScrollTable label="Dedicated HSM instances" columns={['Name/ID', 'Status', 'Service Edition', 'AZ', 'Device Vendor', 'Device Model', 'IP Address', 'Expiration Time', 'Operation']}>
            {instances.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <Link to={pathTo(DHSM_ROUTES.detail, { instanceId: i.id })}>{i.name || i.id}</Link>
                  <div className="id">{i.id}</div>
                </th>
                <td>{i.status}</td>
                <td>{i.edition}</td>
                <td>{i.availability_zone ?? '—'}</td>
                <td>{i.vendor}</td>
                <td>{i.model}</td>
                <td>{i.ip_address ?? '—'}</td>
                <td>{formatIso(i.expire_time)}</td>
                <td>
                  <HsmActions instance={i} onDone={done} />
                </td>
              </tr>
            ))}
          </ScrollTable>
        )
      ) : null}
      <Pager marker={marker} next={next} go={setMarker} />
    </Page>
  );
}

import { useState } from 'react';
import { listKeys, type KeyDetails } from '../../api/kms';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { Page } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { KeyActions } from './key-actions';
import { isDefaultKey, keyStateLabel, originLabel } from './key-format';
import { KMS_ROUTES } from './paths';

interface Listed {
  readonly keys: readonly KeyDetails[];
  readonly next: string | null;
}

/** Guide 1.4.1, "Custom keys": the user's keys (default master keys are the services'). */
export function KeyList() {
  const { api, projectId } = useSignedIn();
  const [marker, setMarker] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | null>(null);
  const listed = useLoad<Listed>(async () => {
    const page = await listKeys(api, marker);
    return { keys: page.key_details.filter((k) => !isDefaultKey(k)), next: page.truncated === 'true' ? page.next_marker : null };
  }, [api, projectId, marker]);
  const done = (message: string) => {
    setStatus(message);
    listed.reload();
  };
  return (
    <Page title="Custom keys" crumbs={[{ label: 'Key Management Service' }]} actions={<Link to={KMS_ROUTES.create}>Create Key</Link>}>
      <StatusNotice message={status} />
      <ErrorNotice error={listed.error} />
      {listed.loading && !listed.data ? <p aria-busy="true">Loading keys…</p> : null}
      {listed.data ? (
        listed.data.keys.length === 0 ? (
          <p>No custom keys yet. Create one to encrypt data.</p>
        ) : (
          <ScrollTable label="Custom keys" columns={['Alias/ID', 'Status', 'Key Algorithm and Usage', 'Origin', 'Operation']}>
            {listed.data.keys.map((k) => (
              <tr key={k.key_id}>
                <th scope="row">
                  <Link to={pathTo(KMS_ROUTES.detail, { keyId: k.key_id })}>{k.key_alias || k.key_id}</Link>
                  <div className="id">{k.key_id}</div>
                </th>
                <td>{keyStateLabel(k.key_state)}</td>
                <td>
                  {k.key_spec}
                  <div className="sub">{k.key_usage}</div>
                </td>
                <td>{originLabel(k.origin)}</td>
                <td>
                  <KeyActions keyInfo={k} onDone={done} />
                </td>
              </tr>
            ))}
          </ScrollTable>
        )
      ) : null}
      <Pager marker={marker} next={listed.data?.next} go={setMarker} />
    </Page>
  );
}

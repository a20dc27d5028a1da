import { useState } from 'react';
import { listKeypairs } from '../../api/kps';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { KeypairActions } from './keypair-actions';
import { KpsTabs } from './kps-tabs';
import { privateKeyLabel, scopeLabel } from './kps-format';
import { KPS_ROUTES } from './paths';

/** Guide 3.4.2 step 4: the key pair list (name, fingerprint, private key, scope) with its operations. */
export function KeypairList() {
  const { api, projectId } = useSignedIn();
  const [marker, setMarker] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | null>(takeFlash);
  const listed = useLoad(() => listKeypairs(api, marker), [api, projectId, marker]);
  return (
    <Page
      title="Key Pairs"
      crumbs={[{ label: 'Key Pair Service' }]}
      actions={
        <>
          <Link to={KPS_ROUTES.create}>Create Key Pair</Link>
          <Link to={KPS_ROUTES.import}>Import Key Pair</Link>
        </>
      }
    >
      <KpsTabs current="keypairs" />
      <StatusNotice message={status} />
      <ErrorNotice error={listed.error} />
      {listed.loading && !listed.data ? <p aria-busy="true">Loading key pairs…</p> : null}
      {listed.data ? (
        listed.data.keypairs.length === 0 ? (
          <p>No key pairs yet.</p>
        ) : (
          <ScrollTable label="Key pairs" columns={['Key Pair Name', 'Fingerprint', 'Private Key', 'Scope', 'Operation']}>
            {listed.data.keypairs.map((k) => (
              <tr key={k.name}>
                <th scope="row">
                  <Link to={pathTo(KPS_ROUTES.detail, { name: k.name })}>{k.name}</Link>
                </th>
                <td>
                  <code>{k.fingerprint}</code>
                </td>
                <td>{privateKeyLabel(k.is_key_protection)}</td>
                <td>{scopeLabel(k.scope)}</td>
                <td>
                  <KeypairActions name={k.name} hosted={k.is_key_protection} onDone={(c) => (setStatus(c.message), listed.reload())} />
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

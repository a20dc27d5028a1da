import { useState } from 'react';
import { listKeypairs } from '../../api/kps';
import { Link } from '../../router';
import { useSignedIn } from '../../session';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { useLoad } from '../../ui/use-load';
import { UpgradeDialog } from './keypair-edit';
import { KpsTabs } from './kps-tabs';
import { KeypairTable } from './keypair-table';
import { KPS_ROUTES } from './paths';

/** Guide 3.4.2 step 4: the key pair list (name, fingerprint, private key, scope) with its operations. */
export function KeypairList() {
  const { api, projectId } = useSignedIn();
  const [marker, setMarker] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | null>(takeFlash);
  const [upgrading, setUpgrading] = useState(false);
  const listed = useLoad(() => listKeypairs(api, marker), [api, projectId, marker]);
  return (
    <Page
      title="Key Pairs"
      crumbs={[{ label: 'Key Pair Service' }]}
      actions={
        <>
          <Link to={KPS_ROUTES.create}>Create Key Pair</Link>
          <Link to={KPS_ROUTES.import}>Import Key Pair</Link>
          <button type="button" onClick={() => setUpgrading(true)} disabled={!listed.data}>
            Upgrade Key Pair
          </button>
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
          <KeypairTable keypairs={listed.data.keypairs} onDone={(c) => (setStatus(c.message), listed.reload())} />
        )
      ) : null}
      {upgrading && listed.data ? <UpgradeDialog keypairs={listed.data.keypairs} onClose={() => setUpgrading(false)} onDone={(m) => (setStatus(m), listed.reload())} /> : null}
      <Pager marker={marker} next={listed.data?.next} go={setMarker} />
    </Page>
  );
}

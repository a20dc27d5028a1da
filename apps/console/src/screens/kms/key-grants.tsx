import { useState } from 'react';
import type { KeyDetails } from '../../api/kms';
import { createGrant, listGrants, retireGrant, revokeGrant, type GrantDetails } from '../../api/kms-key-settings';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { Pager } from '../../ui/pager';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { GrantCreateDialog } from './grant-create-dialog';
import { mayRetire, operationLabel } from './grant-format';
import { formatTime, isDefaultKey, isEnabled } from './key-format';

type Open = { readonly mode: 'create' } | { readonly mode: 'revoke' | 'retire'; readonly grant: GrantDetails };

/** Guide 1.8: the key's grants (Figure 1-30), Create Grant, Revoke Grant; Retire for a grant the user is the grantee or retiring principal of. */
export function KeyGrants({ keyInfo }: { readonly keyInfo: KeyDetails }) {
  const { api, userId, domainId } = useSignedIn();
  const keyId = keyInfo.key_id;
  const [marker, setMarker] = useState<string | undefined>(undefined);
  const grants = useLoad(() => listGrants(api, keyId, marker), [api, keyId, marker]);
  const [open, setOpen] = useState<Open | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const done = (message: string) => (setStatus(message), grants.reload());
  const close = () => setOpen(null);
  const list = grants.data?.grants ?? [];
  const canCreate = !isDefaultKey(keyInfo) && isEnabled(keyInfo);
  return (
    <>
      <StatusNotice message={status} />
      <ErrorNotice error={grants.error} />
      <div className="actions">
        <button type="button" onClick={() => setOpen({ mode: 'create' })} disabled={!canCreate}>
          Create Grant
        </button>
        {canCreate ? null : <span className="hint">Grants are created on an enabled custom key.</span>}
      </div>
      {grants.data && list.length === 0 ? <p>No grants on this key.</p> : null}
      {list.length > 0 ? (
        <ScrollTable label="Grants" columns={['Grant ID', 'Granted To', 'Grantee ID', 'Granted Operations', 'Creation Time', 'Operation']}>
          {list.map((g) => (
            <tr key={g.grant_id}>
              <th scope="row">
                <code>{g.grant_id}</code>
              </th>
              <td>{g.grantee_principal_type === 'domain' ? 'Account' : 'User'}</td>
              <td>
                <code>{g.grantee_principal}</code>
              </td>
              <td>{g.operations.map(operationLabel).join(', ')}</td>
              <td>{formatTime(g.creation_date)}</td>
              <td className="row-actions">
                <button type="button" aria-label={`Revoke grant ${g.grant_id}`} onClick={() => setOpen({ mode: 'revoke', grant: g })}>
                  Revoke Grant
                </button>
                {mayRetire(g, { userId, domainId }) ? (
                  <button type="button" aria-label={`Retire grant ${g.grant_id}`} onClick={() => setOpen({ mode: 'retire', grant: g })}>
                    Retire Grant
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </ScrollTable>
      ) : null}
      <Pager marker={marker} next={grants.data?.truncated === 'true' ? grants.data.next_marker : null} go={setMarker} />
      {open?.mode === 'create' ? (
        <GrantCreateDialog keyId={keyId} onClose={close} create={async (g) => (await createGrant(api, keyId, g), done('Grant created successfully.'))} />
      ) : null}
      {open?.mode === 'revoke' ? (
        <ConfirmDialog title="Revoke Grant" confirmLabel="Yes" onClose={close} onConfirm={async () => (await revokeGrant(api, keyId, open.grant.grant_id), done('Grant revoked successfully.'))}>
          <p>
            The grantee <code>{open.grant.grantee_principal}</code> loses the operations this grant gave it on the key.
          </p>
        </ConfirmDialog>
      ) : null}
      {open?.mode === 'retire' ? (
        <ConfirmDialog title="Retire Grant" confirmLabel="Yes" onClose={close} onConfirm={async () => (await retireGrant(api, keyId, open.grant.grant_id), done('Grant retired.'))}>
          <p>You give up this grant: its operations on the key end for its grantee.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

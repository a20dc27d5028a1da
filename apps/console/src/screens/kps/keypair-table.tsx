import type { KeypairListItem } from '../../api/kps';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { ScrollTable } from '../../ui/scroll-table';
import { KeypairActions, type KeypairChange } from './keypair-actions';
import { privateKeyLabel, scopeLabel } from './kps-format';
import { KPS_ROUTES } from './paths';

/** The key pair list's rows: name (to its details), fingerprint, private key, scope, operations. */
export function KeypairTable({ keypairs, onDone }: { readonly keypairs: readonly KeypairListItem[]; readonly onDone: (change: KeypairChange) => void }) {
  return (
    <ScrollTable label="Key pairs" columns={['Key Pair Name', 'Fingerprint', 'Private Key', 'Scope', 'Operation']}>
      {keypairs.map((k) => (
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
            <KeypairActions name={k.name} hosted={k.is_key_protection} onDone={onDone} />
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

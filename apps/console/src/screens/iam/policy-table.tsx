import type { Policy } from '../../api/iam-admin';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { RowButton } from '../../ui/row-button';
import { ScrollTable } from '../../ui/scroll-table';
import { IAM_ROUTES } from './paths';

/** Policies with their scope and an Attach per row; custom ones (with `onDelete`) link to their editor and can be deleted. */
export function PolicyTable({ label, policies, editable, onAttach, onDelete }: { readonly label: string; readonly policies: readonly Policy[]; readonly editable: boolean; readonly onAttach: (p: Policy) => void; readonly onDelete?: (p: Policy) => void }) {
  return (
    <ScrollTable label={label} columns={['Policy Name', 'Scope', 'Description', 'Operation']}>
      {policies.map((p) => (
        <tr key={p.id}>
          <th scope="row">{editable ? <Link to={pathTo(IAM_ROUTES.policy, { policyId: p.id })}>{p.display_name}</Link> : p.display_name}</th>
          <td>{p.type === 'AX' ? 'Global services' : 'Project-level services'}</td>
          <td>{p.description || '—'}</td>
          <td>
            <div className="row-actions">
              <RowButton label="Attach" subject={p.display_name} onClick={() => onAttach(p)} />
              {onDelete ? <RowButton label="Delete" subject={p.display_name} onClick={() => onDelete(p)} /> : null}
            </div>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

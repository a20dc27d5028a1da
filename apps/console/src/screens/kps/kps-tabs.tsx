import { Link } from '../../router';
import { KPS_ROUTES } from './paths';

/** The Key Pair Service's two lists, as the guide's tabs: key pairs and the servers they open. */
export function KpsTabs({ current }: { readonly current: 'keypairs' | 'servers' }) {
  return (
    <nav aria-label="Key Pair Service" className="tabs">
      <Link to={KPS_ROUTES.list} current={current === 'keypairs'}>
        Key Pairs
      </Link>
      <Link to={KPS_ROUTES.servers} current={current === 'servers'}>
        Server List
      </Link>
    </nav>
  );
}

import { Link } from '../../router';
import { KMS_ROUTES } from './paths';

/** The guide's two key lists (1.4.1, Figures 1-7 and 1-8): the user's keys and the services' default keys. */
export function KeyListTabs({ current }: { readonly current: 'custom' | 'default' }) {
  return (
    <nav aria-label="Key lists" className="list-tabs">
      <Link to={KMS_ROUTES.list} current={current === 'custom'}>
        Custom Keys
      </Link>
      <Link to={KMS_ROUTES.defaultKeys} current={current === 'default'}>
        Default Keys
      </Link>
    </nav>
  );
}

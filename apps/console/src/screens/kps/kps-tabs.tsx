import { TabLinks } from '../../ui/tab-links';
import { KPS_ROUTES } from './paths';

/** The Key Pair Service's two lists, as the guide's tabs: key pairs and the servers they open. */
export function KpsTabs({ current }: { readonly current: 'keypairs' | 'servers' }) {
  const tabs = [[KPS_ROUTES.list, 'Key Pairs'], [KPS_ROUTES.servers, 'Server List']] as const;
  return <TabLinks label="Key Pair Service" className="tabs" tabs={tabs} current={current === 'keypairs' ? KPS_ROUTES.list : KPS_ROUTES.servers} />;
}

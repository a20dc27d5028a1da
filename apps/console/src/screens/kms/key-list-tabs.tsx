import { TabLinks } from '../../ui/tab-links';
import { KMS_ROUTES } from './paths';

/** The guide's two key lists (1.4.1, Figures 1-7 and 1-8): the user's keys and the services' default keys. */
export function KeyListTabs({ current }: { readonly current: 'custom' | 'default' }) {
  const tabs = [[KMS_ROUTES.list, 'Custom Keys'], [KMS_ROUTES.defaultKeys, 'Default Keys']] as const;
  return <TabLinks label="Key lists" className="list-tabs" tabs={tabs} current={current === 'custom' ? KMS_ROUTES.list : KMS_ROUTES.defaultKeys} />;
}

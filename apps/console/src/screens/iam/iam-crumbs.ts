import type { Crumb } from '../../ui/page';

export const IAM_CRUMBS: readonly Crumb[] = [{ label: 'Identity and Access Management' }];

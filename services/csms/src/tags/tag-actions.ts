import { InvalidField } from '@dew/contracts';

/** The batch action, checked before the secret is looked at (the value shown cut to 20 characters). */
export function batchTagAction(action: string): 'create' | 'delete' {
  if (action !== 'create' && action !== 'delete') throw InvalidField('action', 'be create or delete', action.slice(0, 20));
  return action;
}

/** The tag search's action: `filter` answers a page of secrets, `count` only their number. */
export function tagSearchAction(action: string): 'filter' | 'count' {
  if (action !== 'filter' && action !== 'count') throw InvalidField('action', 'be filter or count', action.slice(0, 20));
  return action;
}

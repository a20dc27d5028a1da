import { TagActionInvalid } from '@dew/contracts';

/**
 * The action of a batch tag request, checked before the key is looked at: the route answers an
 * unknown action first, showing at most 20 characters of it unquoted (decide refuses it again,
 * quoted, when a command reaches it some other way).
 */
export function batchTagAction(action: string): 'create' | 'delete' {
  if (action !== 'create' && action !== 'delete') throw TagActionInvalid(action.slice(0, 20));
  return action;
}

import { KpsFieldInvalid } from '@dew/contracts';
import { shown } from './text.js';

/** Page sizes of every KPS list: key pairs (by marker) and tasks (by offset). */
export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 1000;

/** `limit`: an integer 1..1000, 50 when absent. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return LIST_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) {
    throw KpsFieldInvalid('limit', `be an integer 1..${LIST_LIMIT_MAX}`, shown(limit));
  }
  return limit;
}

/** `offset`: an integer of at least 0, 0 when absent. */
export function pageOffset(offset: number | undefined): number {
  if (offset === undefined) return 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw KpsFieldInvalid('offset', 'be an integer of at least 0', shown(offset));
  return offset;
}

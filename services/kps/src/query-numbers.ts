import { KpsFieldInvalid, quote } from '@dew/contracts';

/** A query parameter that holds a number (`limit`, `offset`): absent, or an integer as text. */
export function queryInteger(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d{1,16}$/.test(value)) throw KpsFieldInvalid(field, 'be an integer', quote(value.slice(0, 32)));
  return Number(value);
}

/** Task lists default to 1000 (API.md's KPS field notes), key pair lists to 50. */
export const TASK_LIST_DEFAULT = 1000;

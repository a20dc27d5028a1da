import { DewError } from './refusal.js';

/** The DewError `fn` throws; fails the test if it throws nothing or something else. Shared by the unit specs here. */
export function refusal(fn: () => unknown): DewError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DewError) return e;
    throw e;
  }
  throw new Error('expected a DewError');
}

import { DewError } from './refusal.js';

/** The DewError `fn` throws; fails the test when it throws something else or nothing. */
export function refusal(fn: () => unknown): DewError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DewError) return e;
    throw e;
  }
  throw new Error('expected a DewError');
}

// These functions answer API callers directly, so they raise the API's own error.
export { DewError } from '@dew/contracts';

/** The input as a JSON string literal cut to 40 characters, for messages that name a bad value. */
export function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : String(value);
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s);
}

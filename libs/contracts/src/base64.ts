import { DewError, type ErrorCode } from './errors.js';

/**
 * The bytes of canonical base64 (RFC 4648 §4: the standard alphabet, `=` padding to a multiple of
 * four, zero pad bits, no whitespace), or undefined for anything else. Node's own decoder skips
 * characters it does not know, so `"%%%%"` would be an empty value: only text that re-encodes to
 * itself is accepted (docs/input-limits.md).
 */
export function canonicalBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** A base64 request field, refused with `code` naming the field when it is not canonical base64. */
export function base64Field(field: string, text: string, code: ErrorCode): Buffer {
  const bytes = canonicalBase64(text);
  if (!bytes) throw new DewError(code, `${field} must be base64 (standard alphabet, padded with =), got ${text.length} characters that are not`);
  return bytes;
}

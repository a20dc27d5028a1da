import { KpsFieldInvalid, canonicalBase64, charLength } from '@dew/contracts';

/**
 * The shape of OpenSSH key text: `<type> <base64>` (a host key as DEW pins it) or, for an
 * authorized_keys line, followed by a comment. Only the shape: the service parsed the key itself.
 */

const KEY_TYPE = /^[a-z][a-z0-9@.-]{2,63}$/;
const COMMENT = /^[^\r\n\0]*$/;

function shapeOk(text: string, allowComment: boolean): boolean {
  const [type, body, ...rest] = text.split(' ');
  if (type === undefined || body === undefined || !KEY_TYPE.test(type) || canonicalBase64(body) === undefined) return false;
  if (rest.length === 0) return true;
  return allowComment && COMMENT.test(rest.join(' '));
}

function checked(field: string, value: unknown, max: number, allowComment: boolean, shape: string): string {
  if (typeof value !== 'string') throw KpsFieldInvalid(field, 'be a string');
  const length = charLength(value);
  if (length > max) throw KpsFieldInvalid(field, `be at most ${max} characters`, length);
  // The value is a public key, not a secret, but it may be long: the refusal says only what is wrong.
  if (!shapeOk(value, allowComment)) throw KpsFieldInvalid(field, `be ${shape}`);
  return value;
}

export const PUBLIC_KEY_MAX = 16_384;
export const HOST_KEY_MAX = 8_192;

/** `public_key`: one OpenSSH authorized_keys line, `<type> <base64> [comment]`. */
export function validatePublicKey(publicKey: unknown): string {
  return checked('public_key', publicKey, PUBLIC_KEY_MAX, true, 'one OpenSSH line "<type> <base64> [comment]"');
}

/** `host_key`: a server's public host key as pinned, `<type> <base64>`. */
export function validateHostKey(hostKey: unknown): string {
  return checked('host_key', hostKey, HOST_KEY_MAX, false, 'an OpenSSH host key "<type> <base64>"');
}

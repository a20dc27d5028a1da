import { DewError, isWellFormedId, KeyIdDiffersFromPath, MalformedKeyId, namesAlias, NotDewCiphertext } from '@dew/contracts';
import { isAsymmetricEncryption, parseMessageHeader } from '@dew/crypto';
import type { RouteSpec } from '../routes/route.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/**
 * The key a request will act on, which is the key IAM is asked about (docs/authorization.md
 * "The key asked about"): the path's `key_id` (a differing one in the body or query is refused);
 * for a decrypt of a DEW ciphertext, the key its header names; otherwise the body field the row
 * declares (`key_id`, or associate-alias's `target_key_id`) and no other.
 * On a KMS route, a value that can name no key (not a key id, nor an alias where the row takes
 * one) is refused as malformed, KMS.0205, and IAM is not asked about it: a 1 MiB `key_id` in a
 * body within the size limit made IAM's own size refusal (IAM.0001) the answer of a KMS route.
 * A refusal is returned, not thrown: it is raised once the caller is authenticated.
 */
export function keyOfRequest(route: RouteSpec, fields: Readonly<Record<string, unknown>>, pathKeyId: string | undefined): string | undefined | DewError {
  const key = namedKey(route, fields, pathKeyId);
  return typeof key === 'string' && !canNameKey(route, key) ? MalformedKeyId(pathKeyId === undefined ? route.keyField ?? 'key_id' : 'key_id', key) : key;
}

function canNameKey(route: RouteSpec, key: string): boolean {
  return route.style !== 'kms' || isWellFormedId('uuid', key) || (route.keyByAlias === true && namesAlias(key));
}

function namedKey(route: RouteSpec, fields: Readonly<Record<string, unknown>>, pathKeyId: string | undefined): string | undefined | DewError {
  // Only the field the handler acts on: a stray `key_id` beside `target_key_id` must not be what IAM is asked about.
  const named = nonEmpty(fields[route.keyField ?? 'key_id']);
  if (pathKeyId !== undefined) {
    if (named !== undefined && named !== pathKeyId) {
      return KeyIdDiffersFromPath(named, pathKeyId);
    }
    return pathKeyId;
  }
  // decrypt-data with an asymmetric algorithm names its key by key_id; every other decrypt (and
  // re-encrypt, whatever stray field it carries) reads the ciphertext's header.
  if (route.keyFromCiphertext === undefined) return named;
  if (route.keyIdWhenAsymmetric && isAsymmetricEncryption(String(fields.encryption_algorithm))) return named;
  const fromHeader = ciphertextKeyId(fields.cipher_text, route.keyFromCiphertext);
  if (fromHeader !== undefined || named !== undefined) return fromHeader ?? named;
  return NotDewCiphertext();
}

/** The key id in a DEW ciphertext's header (docs/ciphertext.md), or undefined when it is not one. */
function ciphertextKeyId(text: unknown, encoding: 'base64' | 'hex'): string | undefined {
  if (typeof text !== 'string') return undefined;
  const wellFormed = encoding === 'hex' ? HEX.test(text) : text.length % 4 === 0 && BASE64.test(text);
  if (!wellFormed) return undefined;
  try {
    return parseMessageHeader(Buffer.from(text, encoding)).keyId;
  } catch {
    return undefined;
  }
}

const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The second key a two-key operation touches (the row's `secondKey`: re-encrypt's destination),
 * named by its body field; IAM is asked about it with the row's second action.
 */
export function secondKeyOfRequest(route: RouteSpec, fields: Readonly<Record<string, unknown>>): string | undefined {
  const key = route.secondKey ? nonEmpty(fields[route.secondKey.field]) : undefined;
  // One that can name no key is not asked about: kms refuses it as malformed (KMS.0205).
  return key !== undefined && canNameKey(route, key) ? key : undefined;
}

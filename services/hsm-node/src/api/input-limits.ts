import { status } from '@grpc/grpc-js';
import { isKeyType, KEY_TYPES, type KeyType } from '../token/key-types.js';
import { RpcError } from './grpc-errors.js';
import { requireString } from './unary.js';

/** A key's label (docs/hsm-appliance.md "Input limits"): checked before any key is made, so its audit record always fits. */
export const MAX_LABEL_CHARS = 128;
/** X.509's ub-common-name (RFC 5280). */
export const MAX_COMMON_NAME_CHARS = 64;
/** How much of a refused value an error message quotes: a refusal never echoes unbounded input. */
const QUOTED_CHARS = 40;

/** `value` as JSON, cut to QUOTED_CHARS characters. */
export function quoted(value: string): string {
  return value.length > QUOTED_CHARS ? `${JSON.stringify(value.slice(0, QUOTED_CHARS))}… (${value.length} characters)` : JSON.stringify(value);
}

function bounded(field: string, value: string, max: number): string {
  if (value.length > max) throw new RpcError(status.INVALID_ARGUMENT, `${field} must be at most ${max} characters, got ${value.length}`);
  return value;
}

/** The optional `label` of a key-creating call. */
export function optionalLabel(req: Record<string, unknown>): string {
  const v = req['label'];
  return bounded('label', typeof v === 'string' ? v : '', MAX_LABEL_CHARS);
}

export function requireCommonName(req: Record<string, unknown>): string {
  return bounded('commonName', requireString(req, 'commonName'), MAX_COMMON_NAME_CHARS);
}

/** A key type from the closed set, refused naming the set and (cut) the value. */
export function requireKeyType(req: Record<string, unknown>): KeyType {
  const type = requireString(req, 'keyType');
  if (!isKeyType(type)) throw new RpcError(status.INVALID_ARGUMENT, `keyType must be one of ${KEY_TYPES.join(', ')}; got ${quoted(type)}`);
  return type;
}

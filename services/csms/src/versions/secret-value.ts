import { SecretValueGivenTwice, SecretValueMissing, SecretValueTooLarge, base64Field } from '@dew/contracts';

const VALUE_MAX_BYTES = 32 * 1024;
const TEXT = 0x73; // 's'
const BINARY = 0x62; // 'b'

/** The value fields of a create-secret or create-secret-version request. */
export interface SecretValueFields {
  readonly secret_string?: string;
  readonly secret_binary?: string;
}

/** Exactly one of secret_string / secret_binary, ≤32 KB, with a marker byte for reading it back. */
export function encodeSecretValue(fields: SecretValueFields): Buffer {
  if (fields.secret_string !== undefined && fields.secret_binary !== undefined) throw SecretValueGivenTwice();
  if (fields.secret_string === undefined && fields.secret_binary === undefined) throw SecretValueMissing();
  const bytes = fields.secret_string !== undefined ? Buffer.from(fields.secret_string, 'utf8') : base64Field('secret_binary', fields.secret_binary ?? '', 'CSMS.0002');
  if (bytes.length > VALUE_MAX_BYTES) throw SecretValueTooLarge(VALUE_MAX_BYTES, bytes.length);
  return Buffer.concat([Buffer.of(fields.secret_string !== undefined ? TEXT : BINARY), bytes]);
}

/** The value fields a stored value reads back as (the marker byte says which). */
export function decodeSecretValue(plain: Buffer): { secret_string: string } | { secret_binary: string } {
  const body = plain.subarray(1);
  return plain[0] === TEXT ? { secret_string: body.toString('utf8') } : { secret_binary: body.toString('base64') };
}

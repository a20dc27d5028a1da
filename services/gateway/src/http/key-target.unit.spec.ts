import { randomBytes } from 'node:crypto';
import { DewError } from '@dew/contracts';
import { sealMessage } from '@dew/crypto';
import { routesOfFamily } from '../routes/index.js';

const kmsRoutes = routesOfFamily('kms');
import type { RouteSpec } from '../routes/route.js';
import { keyOfRequest, secondKeyOfRequest } from './key-target.js';

const KEY_A = '0d0466b0-e727-4d9c-b35d-f84bb474a37f';
const KEY_B = '7f3a0c1e-2b4d-4e6f-8a9b-0c1d2e3f4a5b';
const routeOf = (subject: string): RouteSpec => {
  const found = kmsRoutes.find((r) => r.subject === subject);
  if (!found) throw new Error(`no route ${subject}`);
  return found;
};
const sealedBy = (keyId: string) => sealMessage(randomBytes(32), keyId, 1, Buffer.from('attack at dawn'), Buffer.alloc(0), 'data');
const refusal = (value: unknown) => (value instanceof DewError ? { code: value.code, message: value.message } : value);

describe('keyOfRequest', () => {
  it('associate-alias: the key asked about is target_key_id, the key the alias will name', () => {
    expect(keyOfRequest(routeOf('kms.associate-alias'), { alias: 'alias/x', target_key_id: KEY_B }, undefined)).toBe(KEY_B);
  });

  it('associate-alias with a stray key_id beside target_key_id: still target_key_id, the key kms acts on (never the stray one)', () => {
    expect(keyOfRequest(routeOf('kms.associate-alias'), { alias: 'alias/x', key_id: KEY_A, target_key_id: KEY_B }, undefined)).toBe(KEY_B);
    expect(keyOfRequest(routeOf('kms.associate-alias'), { alias: 'alias/x', key_id: KEY_A }, undefined)).toBeUndefined();
  });

  it('a key_id route ignores a target_key_id field: only the field the row declares names the key', () => {
    expect(keyOfRequest(routeOf('kms.encrypt-data'), { target_key_id: KEY_B }, undefined)).toBeUndefined();
  });

  it('an alias in key_id is returned as named: the gateway resolves it next (alias-target.ts)', () => {
    expect(keyOfRequest(routeOf('kms.encrypt-data'), { key_id: 'alias/app', plain_text: 'x' }, undefined)).toBe('alias/app');
  });

  it('decrypt-data without key_id: the key is the one the ciphertext header names', () => {
    expect(keyOfRequest(routeOf('kms.decrypt-data'), { cipher_text: sealedBy(KEY_B).toString('base64') }, undefined)).toBe(KEY_B);
  });

  it('decrypt-data with another key_id: IAM is still asked about the ciphertext\'s key (kms refuses the mismatch)', () => {
    expect(keyOfRequest(routeOf('kms.decrypt-data'), { key_id: KEY_A, cipher_text: sealedBy(KEY_B).toString('base64') }, undefined)).toBe(KEY_B);
  });

  it('decrypt-datakey: the hex ciphertext header names the key, in either case', () => {
    const hex = sealedBy(KEY_B).toString('hex').toUpperCase();
    expect(keyOfRequest(routeOf('kms.decrypt-datakey'), { key_id: KEY_A, cipher_text: hex }, undefined)).toBe(KEY_B);
  });

  it('decrypt-data of something that is not a DEW ciphertext and no key_id: refused KMS.0308 naming cipher_text', () => {
    expect(refusal(keyOfRequest(routeOf('kms.decrypt-data'), { cipher_text: 'A'.repeat(200) }, undefined))).toEqual({
      code: 'KMS.0308',
      message: 'cipher_text is not a DEW ciphertext, and no key_id names the key to decrypt with',
    });
  });

  it('re-encrypt carrying an asymmetric encryption_algorithm and no key_id: still the key its ciphertext header names (the field is decrypt-data\'s only)', () => {
    const cipher = sealedBy(KEY_B).toString('base64');
    expect(keyOfRequest(routeOf('kms.re-encrypt'), { cipher_text: cipher, destination_key_id: KEY_A, encryption_algorithm: 'RSAES_OAEP_SHA_256' }, undefined)).toBe(KEY_B);
    expect(refusal(keyOfRequest(routeOf('kms.re-encrypt'), { cipher_text: 'not-ours', destination_key_id: KEY_A, encryption_algorithm: 'SM2_ENCRYPT' }, undefined))).toMatchObject({ code: 'KMS.0308' });
  });

  it('decrypt-data with an RSA algorithm: the key is key_id (the ciphertext has no header)', () => {
    const fields = { key_id: KEY_A, encryption_algorithm: 'RSAES_OAEP_SHA_256', cipher_text: sealedBy(KEY_B).toString('base64') };
    expect(keyOfRequest(routeOf('kms.decrypt-data'), fields, undefined)).toBe(KEY_A);
  });

  it('a {key_id} path route: the path key is the one asked about; the same key_id in the body is accepted', () => {
    expect(keyOfRequest(routeOf('kms.create-key-tag'), {}, KEY_A)).toBe(KEY_A);
    expect(keyOfRequest(routeOf('kms.create-key-tag'), { key_id: KEY_A }, KEY_A)).toBe(KEY_A);
  });

  it('a {key_id} path route with a different body key_id: refused KMS.0308 naming both ids', () => {
    for (const subject of ['kms.show-key-tags', 'kms.create-key-tag', 'kms.batch-key-tags', 'kms.delete-key-tag']) {
      expect(refusal(keyOfRequest(routeOf(subject), { key_id: KEY_B }, KEY_A))).toEqual({
        code: 'KMS.0308',
        message: `key_id "${KEY_B}" in the request differs from key_id "${KEY_A}" in the path`,
      });
    }
  });

  it('a KMS route naming a key by something that can be no key (1 MiB of text, an alias where none is taken): refused KMS.0205 naming the field, never asked of IAM', () => {
    const huge = 'k'.repeat(1024 * 1024);
    expect(refusal(keyOfRequest(routeOf('kms.describe-key'), { key_id: huge }, undefined))).toEqual({ code: 'KMS.0205', message: expect.stringContaining('key_id must be a lower-case UUID') });
    expect(refusal(keyOfRequest(routeOf('kms.associate-alias'), { target_key_id: 'not-a-key' }, undefined))).toMatchObject({ code: 'KMS.0205', message: expect.stringContaining('target_key_id') });
    expect(refusal(keyOfRequest(routeOf('kms.create-key-tag'), {}, huge.slice(0, 10_000)))).toMatchObject({ code: 'KMS.0205' });
    expect(refusal(keyOfRequest(routeOf('kms.enable-key'), { key_id: 'alias/app' }, undefined))).toMatchObject({ code: 'KMS.0205' });
  });

  it('a second key that can be no key is not asked about (kms refuses it as malformed)', () => {
    expect(secondKeyOfRequest(routeOf('kms.re-encrypt'), { destination_key_id: 'd'.repeat(1024 * 1024), cipher_text: 'x' })).toBeUndefined();
  });

  it('any other route: the body key_id', () => {
    expect(keyOfRequest(routeOf('kms.encrypt-data'), { key_id: KEY_A }, undefined)).toBe(KEY_A);
    expect(keyOfRequest(routeOf('kms.list-keys'), {}, undefined)).toBeUndefined();
  });
});

describe('secondKeyOfRequest', () => {
  it('re-encrypt: the destination key is the body\'s destination_key_id', () => {
    expect(secondKeyOfRequest(routeOf('kms.re-encrypt'), { destination_key_id: KEY_A, cipher_text: 'x' })).toBe(KEY_A);
  });

  it('a route without a second key, or an empty field: none', () => {
    expect(secondKeyOfRequest(routeOf('kms.encrypt-data'), { destination_key_id: KEY_A })).toBeUndefined();
    expect(secondKeyOfRequest(routeOf('kms.re-encrypt'), { destination_key_id: '' })).toBeUndefined();
  });
});

import type { ServerUnaryCall } from '@grpc/grpc-js';
import type { TokenKeys } from './key-scope.js';
import { keyScope } from './key-scope.js';
import { TokenError } from '../token/token-error.js';

// Only the token identities matter here: the scope picks one, it calls none.
const tokens = { app: { token: 'app-token', keys: 'app-keys' }, kms: { token: 'kms-token', keys: 'kms-keys' } } as unknown as { app: TokenKeys; kms: TokenKeys };
const callFrom = (cn: string | undefined) => ({ getAuthContext: () => ({ sslPeerCertificate: cn === undefined ? undefined : { subject: { CN: cn } } }) }) as unknown as ServerUnaryCall<unknown, unknown>;

test('a dew-kms:<key store> certificate works in the KMS token only; every other name (any case, padded, lookalike) in the application token', () => {
  expect(keyScope(callFrom('dew-kms:store-a'), tokens).token).toBe('kms-token');
  for (const cn of ['some-application', 'DEW-KMS:store-a', ' dew-kms:store-a', 'my-dew-kms:store-a', 'dew-kms:', undefined]) {
    expect({ cn, token: keyScope(callFrom(cn), tokens).token }).toEqual({ cn, token: 'app-token' });
  }
});

test('a key store\'s new key ids are 16 bytes under its own prefix: another key store\'s ids are refused NOT_FOUND as missing keys, its own accepted', () => {
  const a = keyScope(callFrom('dew-kms:store-a'), tokens);
  const b = keyScope(callFrom('dew-kms:store-b'), tokens);
  const idOfA = a.newId().toString('hex');
  expect(idOfA).toMatch(/^[0-9a-f]{32}$/);
  expect(a.newId().toString('hex')).not.toBe(idOfA);
  expect(a.requireOwn(idOfA)).toBe(idOfA);
  expect(a.owns(idOfA)).toBe(true);
  expect(b.owns(idOfA)).toBe(false);
  let refused: unknown;
  try {
    b.requireOwn(idOfA);
  } catch (err) {
    refused = err;
  }
  expect(refused).toBeInstanceOf(TokenError);
  expect(refused).toMatchObject({ kind: 'NOT_FOUND', message: `no key ${idOfA}` });
});

test('an application certificate owns every id of the application token and gets random 16-byte ids', () => {
  const app = keyScope(callFrom('some-application'), tokens);
  expect(app.owns('0'.repeat(32))).toBe(true);
  expect(app.newId()).toHaveLength(16);
});

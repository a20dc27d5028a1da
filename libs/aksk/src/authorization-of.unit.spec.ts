import { authorizationOf, parseAuthorization } from './authorization.js';

const header = `SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-sdk-date, Signature=${'ab'.repeat(32)}`;

test('authorizationOf the same headers twice: parsed once, the same answer both times, equal to parseAuthorization', () => {
  const headers = { authorization: header };
  const first = authorizationOf(headers);
  expect(first).toEqual(parseAuthorization(header));
  expect(authorizationOf(headers)).toBe(first);
});

test('authorizationOf after the header changed on the same object: the new header is parsed, not the old answer reused', () => {
  const headers: Record<string, string> = { authorization: header };
  const first = authorizationOf(headers);
  headers['authorization'] = header.replace('AKEXAMPLE', 'AKOTHER');
  const second = authorizationOf(headers);
  expect(second).not.toBe(first);
  expect(second).toMatchObject({ ok: true, value: { accessKey: 'AKOTHER' } });
});

test('authorizationOf without an Authorization header: undefined; a malformed one: the parse failure', () => {
  expect(authorizationOf({})).toBeUndefined();
  expect(authorizationOf({ authorization: 'Basic abc' })).toMatchObject({ ok: false });
});

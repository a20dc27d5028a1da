import { sha256Hex } from './canonical-request.js';
import { signSdkHmacSha256 } from './sign.js';
import { checkSignedRequest, signatureMatches, verifySdkHmacSha256, type IncomingSignedRequest } from './verify.js';

// Published vectors: huaweicloud-sdk-go-v3 core/auth/signer/signer_test.go.
const AK = 'AccessKey';
const SK = 'SecretKey';
const GO_NOW = new Date('2006-01-02T15:04:05Z');
const GET_SIGNATURE = '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624';
const POST_SIGNATURE = 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59';
const POST_BODY = '{"Name":"test","Id":1}\n';
const lookup = (ak: string): string | null => (ak === AK ? SK : null);

function goRequest(method: 'GET' | 'POST', signature: string, authorization?: string): IncomingSignedRequest {
  const post = method === 'POST';
  return {
    method,
    url: post ? '/path?key=value' : '/path?limit=1',
    headers: {
      host: 'example.huaweicloud.com',
      'x-sdk-date': '20060102T150405Z',
      test_underscore: 'excluded',
      ...(post ? { 'content-type': 'application/json' } : {}),
      authorization: authorization ?? `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=x-sdk-date, Signature=${signature}`,
    },
    body: Buffer.from(post ? POST_BODY : ''),
  };
}

describe('Go SDK test vectors', () => {
  it('signSdkHmacSha256, GET /path?limit=1 without body: reproduces the published signature', () => {
    const signed = signSdkHmacSha256({ method: 'GET', url: '/path?limit=1', headers: { host: 'example.huaweicloud.com' } },
      { accessKey: AK, secretKey: SK }, GO_NOW, { signedHeaders: ['x-sdk-date'] });
    expect(signed.signature).toBe(GET_SIGNATURE);
    expect(signed.authorization).toBe(`SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=${GET_SIGNATURE}`);
  });

  it('signSdkHmacSha256, POST /path?key=value with a newline-terminated body: reproduces the published signature', () => {
    const signed = signSdkHmacSha256({ method: 'POST', url: '/path?key=value', headers: { 'Content-Type': 'application/json' }, body: POST_BODY },
      { accessKey: AK, secretKey: SK }, GO_NOW, { signedHeaders: ['x-sdk-date'] });
    expect(signed.signature).toBe(POST_SIGNATURE);
  });

  it.each([['GET', GET_SIGNATURE], ['POST', POST_SIGNATURE]] as const)('verify, %s vector at its own instant: accepted', async (method, signature) => {
    const result = await verifySdkHmacSha256(goRequest(method, signature), lookup, GO_NOW);
    expect(result).toEqual({ ok: true, accessKey: AK, signature, signedHeaders: ['x-sdk-date'], signedAt: GO_NOW });
  });

  it('verify, POST vector without the trailing newline: bad-signature', async () => {
    const req = { ...goRequest('POST', POST_SIGNATURE), body: Buffer.from(POST_BODY.trimEnd()) };
    expect(await verifySdkHmacSha256(req, lookup, GO_NOW)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });
});

describe('verifySdkHmacSha256 Authorization parsing', () => {
  it.each([
    `SDK-HMAC-SHA256   Access=${AK} ,SignedHeaders=x-sdk-date,Signature=${GET_SIGNATURE}`,
    `  SDK-HMAC-SHA256 Signature=${GET_SIGNATURE.toUpperCase()},  Access = ${AK},SignedHeaders = x-sdk-date  `,
  ])('spacing, order and hex case varied (%s): accepted', async (authorization) => {
    const result = await verifySdkHmacSha256(goRequest('GET', GET_SIGNATURE, authorization), lookup, GO_NOW);
    expect(result).toMatchObject({ ok: true, signature: GET_SIGNATURE });
  });

  it.each([
    ['another scheme', `SDK-HMAC-SM3 Access=${AK}, SignedHeaders=x-sdk-date, Signature=${GET_SIGNATURE}`, 'SDK-HMAC-SM3 is not supported'],
    ['no parameters', 'SDK-HMAC-SHA256', 'Authorization must be'],
    ['no Signature', `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=x-sdk-date`, 'must carry Access, SignedHeaders and Signature'],
    ['a short Signature', `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=x-sdk-date, Signature=${GET_SIGNATURE.slice(1)}`, '64 hex'],
    ['Access twice', `SDK-HMAC-SHA256 Access=${AK}, Access=${AK}, SignedHeaders=x-sdk-date, Signature=${GET_SIGNATURE}`, 'names Access twice'],
    ['an unknown parameter', `SDK-HMAC-SHA256 Access=${AK}, Credential=x, SignedHeaders=x-sdk-date, Signature=${GET_SIGNATURE}`, 'exactly Access'],
    ['an empty SignedHeaders entry', `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=host;;x-sdk-date, Signature=${GET_SIGNATURE}`, 'header names'],
    ['an Access with markup', `SDK-HMAC-SHA256 Access=<b>, SignedHeaders=x-sdk-date, Signature=${GET_SIGNATURE}`, 'not a well-formed access key'],
  ])('%s: malformed, message says what is wrong', async (_case, authorization, message) => {
    const result = await verifySdkHmacSha256(goRequest('GET', GET_SIGNATURE, authorization), lookup, GO_NOW);
    expect(result).toMatchObject({ ok: false, reason: 'malformed', message: expect.stringContaining(message) });
  });

  it('blank Authorization: missing', async () => {
    const result = await verifySdkHmacSha256(goRequest('GET', GET_SIGNATURE, '  '), lookup, GO_NOW);
    expect(result).toMatchObject({ ok: false, reason: 'missing' });
  });
});

describe('verifySdkHmacSha256 rules', () => {
  it('access key the lookup does not know (async lookup): unknown-key naming the key', async () => {
    const result = await verifySdkHmacSha256(goRequest('GET', GET_SIGNATURE), async () => null, GO_NOW);
    expect(result).toEqual({ ok: false, reason: 'unknown-key', accessKey: AK, message: 'access key AccessKey is unknown or inactive' });
  });

  it('date 1234 s before server time: skew, message gives both numbers', async () => {
    const result = await verifySdkHmacSha256(goRequest('GET', GET_SIGNATURE), lookup, new Date(GO_NOW.getTime() + 1_234_000));
    expect(result).toMatchObject({ ok: false, reason: 'skew', message: 'X-Sdk-Date 20060102T150405Z is 1234 s from server time; the limit is 900 s' });
  });

  it('date exactly 15 min off: accepted; maxSkewMs 60 s and 61 s off: skew', async () => {
    expect((await verifySdkHmacSha256(goRequest('GET', GET_SIGNATURE), lookup, new Date(GO_NOW.getTime() - 900_000))).ok).toBe(true);
    const tight = await verifySdkHmacSha256(goRequest('GET', GET_SIGNATURE), lookup, new Date(GO_NOW.getTime() + 61_000), { maxSkewMs: 60_000 });
    expect(tight).toMatchObject({ reason: 'skew', message: expect.stringContaining('the limit is 60 s') });
  });

  it.each(['2006-01-02T15:04:05Z', '20061302T150405Z', '20060102T150405'])('X-Sdk-Date %s: malformed', async (date) => {
    const req = goRequest('GET', GET_SIGNATURE);
    const result = await verifySdkHmacSha256({ ...req, headers: { ...req.headers, 'x-sdk-date': date } }, lookup, GO_NOW);
    expect(result).toMatchObject({ ok: false, reason: 'malformed', message: expect.stringContaining('YYYYMMDDTHHMMSSZ') });
  });

  it('wrong secret: bad-signature whose message holds neither the secret nor the expected signature', async () => {
    const result = await verifySdkHmacSha256(goRequest('GET', '0'.repeat(64)), lookup, GO_NOW);
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
    if (result.ok) throw new Error('unreachable');
    expect(result.message).not.toContain(SK);
    expect(result.message).not.toContain(GET_SIGNATURE);
  });
});

describe('verifySdkHmacSha256 X-Sdk-Content-Sha256', () => {
  const creds = { accessKey: AK, secretKey: SK };
  const body = '{"plaintext":"hello","key_id":"k"}';

  function signed(headers: Record<string, string>, sentBody: string): IncomingSignedRequest {
    const s = signSdkHmacSha256({ method: 'POST', url: '/v1.0/p/kms/encrypt-data', headers: { host: 'dew', ...headers }, body }, creds, GO_NOW);
    return { method: 'POST', url: '/v1.0/p/kms/encrypt-data', headers: s.headers, body: Buffer.from(sentBody) };
  }

  it('unsigned header naming the original body hash, body swapped: bad-signature', async () => {
    const req = signed({}, '{"plaintext":"evil","key_id":"k"}');
    req.headers['x-sdk-content-sha256'] = sha256Hex(body);
    expect(await verifySdkHmacSha256(req, lookup, GO_NOW)).toMatchObject({ ok: false, reason: 'bad-signature', message: expect.stringContaining('not listed in SignedHeaders') });
  });

  it('signed header equal to the body hash: accepted; body changed: bad-signature', async () => {
    expect((await verifySdkHmacSha256(signed({ 'x-sdk-content-sha256': sha256Hex(body) }, body), lookup, GO_NOW)).ok).toBe(true);
    const swapped = signed({ 'x-sdk-content-sha256': sha256Hex(body) }, `${body} `);
    expect(await verifySdkHmacSha256(swapped, lookup, GO_NOW)).toMatchObject({ ok: false, reason: 'bad-signature', message: expect.stringContaining('does not match') });
  });

  it('signed UNSIGNED-PAYLOAD: malformed by default, accepted with allowUnsignedPayload', async () => {
    const req = signed({ 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' }, body);
    expect(await verifySdkHmacSha256(req, lookup, GO_NOW)).toMatchObject({ ok: false, reason: 'malformed' });
    expect((await verifySdkHmacSha256(req, lookup, GO_NOW, { allowUnsignedPayload: true })).ok).toBe(true);
  });
});

describe('signSdkHmacSha256 round trip', () => {
  it('encoded path, repeated and bare query keys, default signed headers: verified', async () => {
    const url = '/v1/p/secrets/a%20b%C3%A9?z=2&z=1&flag&q=x+y%2B';
    const s = signSdkHmacSha256({ method: 'DELETE', url, headers: { Host: 'dew.local:8443', 'X-Project-Id': 'p' } }, { accessKey: AK, secretKey: SK }, GO_NOW);
    expect(s.signedHeaders).toEqual(['host', 'x-project-id', 'x-sdk-date']);
    const result = await verifySdkHmacSha256({ method: 'DELETE', url, headers: s.headers, body: new Uint8Array() }, lookup, GO_NOW);
    expect(result).toMatchObject({ ok: true, signedHeaders: ['host', 'x-project-id', 'x-sdk-date'] });
  });
});

describe('verification split between the gateway (no SK) and IAM (the SK)', () => {
  it('checkSignedRequest on a Go vector: the answer holds the strings to sign and nothing of the SK', () => {
    const check = checkSignedRequest(goRequest('POST', POST_SIGNATURE), GO_NOW);
    if (!check.ok) throw new Error(check.message);
    expect(check.stringsToSign).toHaveLength(1);
    expect(check.stringsToSign[0]).toMatch(/^SDK-HMAC-SHA256\n20060102T150405Z\n[0-9a-f]{64}$/);
    expect(JSON.stringify(check)).not.toContain(SK);
  });

  it('signatureMatches: the right SK verifies the strings to sign, another SK or a malformed signature does not', () => {
    const check = checkSignedRequest(goRequest('GET', GET_SIGNATURE), GO_NOW);
    if (!check.ok) throw new Error(check.message);
    expect(signatureMatches(SK, check.stringsToSign, GET_SIGNATURE)).toBe(true);
    expect(signatureMatches('OtherKey', check.stringsToSign, GET_SIGNATURE)).toBe(false);
    expect(signatureMatches(SK, check.stringsToSign, GET_SIGNATURE.slice(2))).toBe(false);
    expect(signatureMatches(SK, [], GET_SIGNATURE)).toBe(false);
  });

  it('a path the Node SDK encodes twice: two strings to sign, either form verifies', () => {
    const signed = signSdkHmacSha256({ method: 'GET', url: "/s/a%20b's" }, { accessKey: AK, secretKey: SK }, GO_NOW);
    const check = checkSignedRequest({ method: 'GET', url: "/s/a%20b's", headers: signed.headers, body: Buffer.alloc(0) }, GO_NOW);
    if (!check.ok) throw new Error(check.message);
    expect(check.stringsToSign).toHaveLength(2);
    expect(signatureMatches(SK, check.stringsToSign, signed.signature)).toBe(true);
  });
});

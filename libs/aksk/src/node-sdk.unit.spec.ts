import { hasNodeLegacyDifference, parseSdkDate } from './canonical-request.js';
import { captureNodeSdkRequests, type SdkCall } from './node-sdk.fixtures.spec.js';
import { verifySdkHmacSha256, type IncomingSignedRequest } from './verify.js';

const creds = { accessKey: 'HPUAJ3KQZ7EXAMPLE0AK', secretKey: 'qT4wZr8sV1yB3nD6fH9jK2mP5rU8xA1cE4gI7lOo', projectId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' };
const lookup = (ak: string): string | null => (ak === creds.accessKey ? creds.secretKey : null);
const MINUTE = 60_000;

const calls: Record<string, SdkCall> = {
  'POST with a JSON body': {
    method: 'POST',
    url: '/v1.0/{project_id}/kms/create-key',
    contentType: 'application/json;charset=UTF-8',
    data: { key_alias: 'dew-test', key_spec: 'AES_256', key_description: 'clé für Ωmega' },
  },
  'GET with query values that need encoding': {
    method: 'GET',
    url: '/v3/{project_id}/keypairs',
    contentType: 'application/json',
    queryParams: { marker: 'a b', limit: 10, key_state: '2', name: "é&=+/*'()!", tag: ['b', 'a'] },
    data: {},
  },
  'GET with path characters that need encoding': {
    method: 'GET',
    url: '/v1/{project_id}/secrets/{secret_name}/versions/{version_id}',
    contentType: 'application/json',
    pathParams: { secret_name: "my secret's ü", version_id: 'v1' },
  },
};

let sent: Record<string, IncomingSignedRequest>;

beforeAll(async () => {
  const names = Object.keys(calls);
  const captured = await captureNodeSdkRequests(creds, names.map((n) => calls[n]!));
  sent = Object.fromEntries(names.map((n, i) => [n, captured[i]!]));
});

function sdkDateOf(req: IncomingSignedRequest): Date {
  const date = parseSdkDate(String(req.headers['x-sdk-date']));
  if (date === null) throw new Error('the SDK sent no usable X-Sdk-Date');
  return date;
}

function at(req: IncomingSignedRequest, offsetMs = 0): Date {
  return new Date(sdkDateOf(req).getTime() + offsetMs);
}

function withHeaders(req: IncomingSignedRequest, change: Record<string, string | undefined>): IncomingSignedRequest {
  return { ...req, headers: { ...req.headers, ...change } };
}

const post = (): IncomingSignedRequest => sent['POST with a JSON body']!;

describe('verifySdkHmacSha256 against @huaweicloud/huaweicloud-sdk-core 3.1.211', () => {
  it.each(Object.keys(calls))('%s: signed by the SDK, accepted', async (name) => {
    const req = sent[name]!;
    const result = await verifySdkHmacSha256(req, lookup, at(req));
    expect(result).toMatchObject({ ok: true, accessKey: creds.accessKey, signedHeaders: ['content-type', 'host', 'x-project-id', 'x-sdk-date'] });
  });

  it('the captured requests: carry the encodings the cases are meant to exercise', () => {
    expect(sent['GET with query values that need encoding']!.url).toContain('marker=a%20b');
    const path = sent['GET with path characters that need encoding']!.url;
    expect(path).toMatch(/my%20secret's%20%C3%BC/);
    expect(hasNodeLegacyDifference(path)).toBe(true);
    expect(post().body.length).toBeGreaterThan(0);
  });

  it('POST body changed by one byte: bad-signature', async () => {
    const body = Buffer.from(post().body);
    const i = body.length - 2;
    body.writeUInt8(body.readUInt8(i) ^ 0x01, i);
    const result = await verifySdkHmacSha256({ ...post(), body }, lookup, at(post()));
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature', accessKey: creds.accessKey });
  });

  it('query value changed: bad-signature', async () => {
    const req = sent['GET with query values that need encoding']!;
    const result = await verifySdkHmacSha256({ ...req, url: req.url.replace('limit=10', 'limit=11') }, lookup, at(req));
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('path changed: bad-signature', async () => {
    const req = sent['GET with path characters that need encoding']!;
    const result = await verifySdkHmacSha256({ ...req, url: req.url.replace('/v1/', '/v2/') }, lookup, at(req));
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('wrong SK: bad-signature', async () => {
    const result = await verifySdkHmacSha256(post(), () => `${creds.secretKey.slice(0, -1)}X`, at(post()));
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('X-Sdk-Date dropped from SignedHeaders: date-not-signed', async () => {
    const auth = String(post().headers['authorization']).replace(';x-sdk-date', '');
    const result = await verifySdkHmacSha256(withHeaders(post(), { authorization: auth }), lookup, at(post()));
    expect(result).toMatchObject({ ok: false, reason: 'date-not-signed' });
  });

  it.each([
    { skew: 'server 14 min behind', offset: -14 * MINUTE, accepted: true },
    { skew: 'server 14 min ahead', offset: 14 * MINUTE, accepted: true },
    { skew: 'server 16 min behind', offset: -16 * MINUTE, accepted: false },
    { skew: 'server 16 min ahead', offset: 16 * MINUTE, accepted: false },
  ])('X-Sdk-Date with $skew: accepted=$accepted', async ({ offset, accepted }) => {
    const result = await verifySdkHmacSha256(post(), lookup, at(post(), offset));
    expect(result.ok).toBe(accepted);
    if (!accepted) expect(result).toMatchObject({ reason: 'skew', message: expect.stringContaining('960 s from server time; the limit is 900 s') });
  });

  it('signature with one hex digit changed: bad-signature', async () => {
    const auth = String(post().headers['authorization']);
    const last = auth.at(-1) === '0' ? '1' : '0';
    const result = await verifySdkHmacSha256(withHeaders(post(), { authorization: auth.slice(0, -1) + last }), lookup, at(post()));
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it.each([
    ['authorization', 'missing'],
    ['x-sdk-date', 'date-missing'],
    ['x-project-id', 'malformed'],
    ['host', 'malformed'],
  ])('header %s removed: %s', async (header, reason) => {
    const result = await verifySdkHmacSha256(withHeaders(post(), { [header]: undefined }), lookup, at(post()));
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('signed header value changed (X-Project-Id): bad-signature', async () => {
    const result = await verifySdkHmacSha256(withHeaders(post(), { 'x-project-id': 'ffffffffffffffffffffffffffffffff' }), lookup, at(post()));
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
  });
});

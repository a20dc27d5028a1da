import { contextHeaders } from '@dew/messaging';
import { DewSystem, rawSignedRequest, refusal, rememberSecret, type RawResponse, type SdkClient } from '@dew/testing';

interface Trace { trace_name: string; trace_rating: string; code: string; user: { id: string; name: string; domain: { id: string } }; request: string }
interface TraceList { traces: Trace[] }

let dew: DewSystem;
let admin: SdkClient;

beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

const TEN_THOUSAND = 10_000;
/** A JSON object whose one field nests `levels` − 1 arrays: `levels` levels in all. */
const nested = (levels: number) => `{"name":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
const project = () => dew.credentials.project_id;

/** The code of a refusal in any of the three body shapes, and the shape it came in. */
function refusedAs(res: RawResponse): { status: number; family: string; code: unknown } {
  const body = res.json ?? {};
  const error = body.error as { error_code?: string; code?: string; title?: string } | undefined;
  if (error?.title !== undefined) return { status: res.status, family: 'iam', code: body.error_code };
  if (error) return { status: res.status, family: 'kms', code: error.error_code };
  return { status: res.status, family: 'csms', code: body.error_code };
}

/** Traces are built asynchronously: ask until `ready` holds (bounded), then answer the last list. */
async function tracesUntil(query: string, ready: (list: Trace[]) => boolean): Promise<Trace[]> {
  let last: Trace[] = [];
  for (let i = 0; i < 60; i++) {
    const res = await admin.call<TraceList>('GET', `/v3/{project_id}/traces?trace_type=system&${query}`);
    expect(res.status).toBe(200);
    last = res.body.traces;
    if (ready(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

const signed = (method: string, path: string, body: string) => rawSignedRequest(dew.endpoint, dew.credentials, method, path, body);

describe('point 12: deep and oversized JSON bodies', () => {
  const routes = [
    { family: 'kms', code: 'KMS.0202', path: () => `/v1.0/${project()}/kms/create-key`, trace: 'createKey', subject: 'kms.create-key' },
    { family: 'csms', code: 'CSMS.0002', path: () => `/v1/${project()}/secrets`, trace: 'createSecret', subject: 'csms.create-secret' },
    { family: 'iam', code: 'IAM.0001', path: () => '/v3/users', trace: 'createUser', subject: 'iam.create-user' },
  ] as const;

  it.each(routes)('a $family route given 10,000 nested levels answers 400 $code naming the limit and the depth, in its own body shape', async ({ family, code, path }) => {
    const res = await signed('POST', path(), nested(TEN_THOUSAND));
    expect(refusedAs(res)).toEqual({ status: 400, family, code });
    expect(res.text).toContain('32');
    expect(res.text).toContain(String(TEN_THOUSAND));
  });

  it('those refusals are warning traces, never incidents, and every service still answers', async () => {
    const names: string[] = routes.map((r) => r.trace);
    const warnings = await tracesUntil('trace_rating=warning', (list) => names.every((n) => list.some((t) => t.trace_name === n && t.code === '400')));
    for (const name of names) expect(warnings).toContainEqual(expect.objectContaining({ trace_name: name, code: '400' }));
    const incidents = await tracesUntil('trace_rating=incident', () => true);
    expect(incidents.filter((t) => names.includes(t.trace_name))).toEqual([]);
    expect((await admin.kms('create-key', { key_alias: 'after-deep-json' })).status).toBe(200);
    expect((await admin.call('GET', '/v1/{project_id}/secrets')).status).toBe(200);
    expect((await admin.call('GET', '/v3/users')).status).toBe(200);
  });

  it('exactly 32 levels pass the depth check (the request goes on to the DTO check)', async () => {
    const res = await signed('POST', `/v1/${project()}/secrets`, nested(32));
    expect(refusedAs(res)).toEqual({ status: 400, family: 'csms', code: 'CSMS.0004' });
    expect(res.text).not.toContain('levels deep');
  });

  it.each(routes)('the $family service itself refuses 10,000 levels arriving over NATS with 400 $code', async ({ code, subject }) => {
    const nc = await dew.connectNats('gateway');
    const ctx = { requestId: 'deep-json', projectId: project(), domainId: dew.credentials.domain_id, userId: '', userName: '', sourceIp: '127.0.0.1', traceType: 'ApiCall' as const, iamDecision: 'Allow' as const };
    const reply = await nc.request(subject, new TextEncoder().encode(nested(TEN_THOUSAND)), { timeout: 30_000, headers: contextHeaders(ctx) });
    const body = reply.json<{ error?: { code: string; status: number; message: string } }>();
    expect(body.error).toMatchObject({ code, status: 400 });
    expect(body.error?.message).toContain(String(TEN_THOUSAND));
  });

  it.each(routes)('a $family route given a body over 1 MiB answers 413 in its own family and shape', async ({ family, path }) => {
    const res = await signed('POST', path(), `{"name":"${'x'.repeat(1024 * 1024)}"}`);
    const expected = { kms: 'KMS.0203', csms: 'CSMS.0004', iam: 'IAM.0001' }[family];
    expect(refusedAs(res)).toEqual({ status: 413, family, code: expected });
  });
});

describe('a "constructor" key in free JSON (class-transformer took it for a class and threw: a 500)', () => {
  const routes = [
    { family: 'kms', code: 'KMS.0308', path: () => `/v1.0/${project()}/kms/create-key`, body: '{"key_alias":"ctor-key","extra":{"a":[{"constructor":{}}]}}', field: 'extra.a.0.constructor' },
    { family: 'csms', code: 'CSMS.0004', path: () => `/v1/${project()}/secrets`, body: '{"name":"ctor-secret","secret_string":"s","extra":{"constructor":1}}', field: 'extra.constructor' },
    { family: 'iam', code: 'IAM.0001', path: () => '/v3.0/OS-ROLE/roles', body: '{"role":{"display_name":"ctor-policy","type":"AX","policy":{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["kms:cmk:list"],"Condition":{"constructor":{}}}]}}}', field: 'role.policy.Statement.0.Condition.constructor' },
    // An array where a @Type object is declared sends the body to class-transformer, on a route needing no credentials.
    { family: 'iam', code: 'IAM.0001', path: () => '/v3/auth/tokens', body: '{"auth":[{}],"x":{"constructor":1}}', field: 'x.constructor' },
  ] as const;

  it.each(routes)('a $family route answers 400 $code naming the field, and nothing is created', async ({ family, code, path, body, field }) => {
    const res = await signed('POST', path(), body);
    expect(refusedAs(res)).toEqual({ status: 400, family, code });
    expect(res.text).toContain(field);
    expect(res.text).toContain('may not have a key named');
  });

  it('none of those refusals is an incident, and the key alias and secret name are still free', async () => {
    const incidents = await tracesUntil('trace_rating=incident', () => true);
    expect(incidents.filter((t) => t.code.startsWith('5'))).toEqual([]);
    expect((await admin.kms('create-key', { key_alias: 'ctor-key' })).status).toBe(200);
    expect((await admin.call('POST', '/v1/{project_id}/secrets', { name: 'ctor-secret', secret_string: 's' })).status).toBe(200);
  });
});

describe('messages near the bus\'s size (docs/bus-security.md, "Message size")', () => {
  it('a restore whose body is just under 1 MiB reaches csms (the bus carries 8 MiB) and is refused there as a bad blob in CSMS\'s family, never a 5xx', async () => {
    const res = await signed('POST', `/v1/${project()}/secrets/restore`, `{"secret_blob":"${'A'.repeat(1024 * 1024 - 40)}"}`);
    expect(res.status).toBe(400);
    expect(refusedAs(res)).toMatchObject({ family: 'csms', code: expect.stringMatching(/^CSMS\./) });
  });

  it('a listing whose answer is over 1 MB (100 secrets, 2048-character descriptions of control characters, each 6 bytes in JSON) answers 200 with every secret, and csms keeps running', async () => {
    const prefix = `big-${Date.now()}`;
    for (let i = 0; i < 100; i++) {
      const res = await admin.call('POST', `/v1/{project_id}/secrets`, { name: `${prefix}-${i}`, secret_string: 'v', description: '\u0001'.repeat(2048) });
      expect([i, res.status]).toEqual([i, 200]);
    }
    const listed = await admin.call('GET', `/v1/{project_id}/secrets?limit=200`);
    expect(listed.status).toBe(200);
    const names = (listed.body as { secrets: Array<{ name: string }> }).secrets.map((x) => x.name).filter((n) => n.startsWith(prefix));
    expect(names).toHaveLength(100);
    expect((await admin.call('GET', `/v1/{project_id}/secrets/${prefix}-0`)).status).toBe(200);
  });
});

describe('point 15: base64 inputs must be canonical base64', () => {
  const S = '/v1/{project_id}/secrets';
  const NOT_BASE64 = ['%%%%', 'AAA', 'AB==', '-_-_'];

  it.each(NOT_BASE64)('create-secret with secret_binary %j answers 400 CSMS.0002 naming the field, and no secret is created', async (text) => {
    const name = `b64-${Buffer.from(text).toString('hex')}`;
    const res = await admin.call('POST', S, { name, secret_binary: text });
    expect(refusal(res)).toEqual({ status: 400, code: 'CSMS.0002' });
    expect(res.errorMsg).toContain('secret_binary');
    expect(refusal(await admin.call('GET', `${S}/${name}`))).toEqual({ status: 404, code: 'CSMS.0005' });
  });

  it('create-secret-version with secret_binary "%%%%" answers 400 CSMS.0002, and the secret keeps its one version', async () => {
    const value = rememberSecret('secret-value', Buffer.from('strict base64 value').toString('base64'));
    expect((await admin.call('POST', S, { name: 'b64-versions', secret_binary: value })).status).toBe(200);
    const res = await admin.call('POST', `${S}/b64-versions/versions`, { secret_binary: '%%%%' });
    expect(refusal(res)).toEqual({ status: 400, code: 'CSMS.0002' });
    expect(res.errorMsg).toContain('secret_binary');
    const versions = await admin.call<{ version_metadatas: { id: string }[] }>('GET', `${S}/b64-versions/versions`);
    expect(versions.body.version_metadatas.map((v) => v.id)).toEqual(['v1']);
    expect((await admin.call<{ version: { secret_binary: string } }>('GET', `${S}/b64-versions/versions/latest`)).body.version.secret_binary).toBe(value);
  });

  it('restore-secret with a backup blob carrying a stray character answers 400 CSMS.0002 naming secret_blob (before any other check)', async () => {
    const blob = (await admin.call<{ secret_blob: string }>('POST', `${S}/b64-versions/backup`)).body.secret_blob;
    const tampered = `${blob.slice(0, 40)}%${blob.slice(40)}`;
    const res = await admin.call('POST', `${S}/restore`, { secret_blob: tampered });
    expect(refusal(res)).toEqual({ status: 400, code: 'CSMS.0002' });
    expect(res.errorMsg).toContain('secret_blob');
  });

  it('KMS sign with a message that is not canonical base64 ("AB==") answers 400 KMS.0308 naming message', async () => {
    const keyId = (await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'b64-signer', key_spec: 'EC_P256' })).body.key_info.key_id;
    const res = await admin.kms('sign', { key_id: keyId, message: 'AB==', signing_algorithm: 'ECDSA_SHA_256', message_type: 'RAW' });
    expect(refusal(res)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(res.errorMsg).toContain('message');
    expect((await admin.kms('sign', { key_id: keyId, message: 'AA==', signing_algorithm: 'ECDSA_SHA_256', message_type: 'RAW' })).status).toBe(200);
  });
});

/** The operator of a refusal before authentication: nobody, and no access key (docs/cts-traces.md). */
const UNAUTHENTICATED_USER = {
  id: '', name: 'unauthenticated', user_name: 'unauthenticated', domain: { id: '', name: '' }, account_id: '', access_key_id: '',
  principal_id: '', principal_urn: '', principal_is_root_user: 'false', type: 'Anonymous',
};

describe('hardening: refusals before authentication are traced as unauthenticated', () => {
  it('a bogus signature naming the admin access key leaves a 401 trace under "unauthenticated", with the key only as claimed_access_key', async () => {
    const forged = { ...dew.credentials, secret: 'f'.repeat(40) };
    expect((await rawSignedRequest(dew.endpoint, forged, 'POST', `/v1.0/${project()}/kms/describe-key`, '{"key_id":"x"}')).status).toBe(401);
    const traces = await tracesUntil('trace_rating=warning&trace_name=describeKey', (list) => list.some((t) => t.code === '401'));
    const refused = traces.filter((t) => t.code === '401');
    expect(refused).toHaveLength(1);
    expect(refused[0]?.user).toEqual(UNAUTHENTICATED_USER);
    expect(JSON.parse(refused[0]?.request ?? '{}')).toMatchObject({ action: 'kms:cmk:get', claimed_access_key: dew.credentials.access });
    expect(JSON.stringify(refused[0]?.user)).not.toContain(dew.credentials.access);
  });

  it('a request with no credentials at all is traced as unauthenticated with no claimed key', async () => {
    const res = await fetch(new URL(`/v1.0/${project()}/kms/gen-random`, dew.endpoint), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    const traces = await tracesUntil('trace_rating=warning&trace_name=genRandom', (list) => list.length > 0);
    expect(traces[0]?.user).toEqual(UNAUTHENTICATED_USER);
    expect(JSON.parse(traces[0]?.request ?? '{}')).not.toHaveProperty('claimed_access_key');
  });
});

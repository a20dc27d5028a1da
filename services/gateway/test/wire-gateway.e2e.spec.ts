import { randomUUID } from 'node:crypto';
import { DewSystem, marker, rawSignedRequest, refusal, rememberSecret, tokenRequest, type ApiCredentials, type RawResponse, type SdkClient } from '@dew/testing';
import { allRoutes } from '../src/routes/index.js';
import { ERROR_BODIES, codeOf } from './conformance/error-models.js';
import { SHOW_VERSION, SHOW_VERSIONS } from './conformance/version-models.js';
import { conformanceErrors } from './conformance/walk.js';
import { request as httpRequest } from 'node:http';

let dew: DewSystem;
let admin: SdkClient;
let nobody: ApiCredentials;
const project = () => dew.credentials.project_id;

beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
  nobody = await userWithoutRights('wire-nobody');
});
afterAll(async () => {
  await dew?.stop();
});

/** A user in no group: authenticated, allowed nothing. */
async function userWithoutRights(name: string): Promise<ApiCredentials> {
  const user = await admin.call<{ user: { id: string } }>('POST', '/v3/users', { user: { name, domain_id: dew.credentials.domain_id, password: marker('password') } });
  expect(user.status).toBe(201);
  const key = await admin.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.body.user.id } });
  expect(key.status).toBe(201);
  rememberSecret('secret-key', key.body.credential.secret);
  return { access: key.body.credential.access, secret: key.body.credential.secret, project_id: project() };
}

type Family = keyof typeof ERROR_BODIES;

/** The refusal's status, its code where its family puts it, and every way its body departs from the family's table. */
function refusedIn(family: Family, res: RawResponse): { status: number; code: unknown; problems: string[] } {
  return { status: res.status, code: codeOf(family, res.json), problems: conformanceErrors(res.json, ERROR_BODIES[family]) };
}

const keyCount = async (): Promise<number> => Number((await admin.kms<{ total: number }>('list-keys', {})).body.total);

describe('defect 1: a signed GET carrying the {} body the Node SDK sends', () => {
  it.each([
    ['KMS', () => `/v1.0/${project()}/kms/user-quotas`],
    ['CSMS', () => `/v1/${project()}/secrets`],
    ['CTS', () => `/v3/${project()}/traces?trace_type=system`],
    ['IAM', () => '/v3/auth/domains'],
  ])('%s: a GET whose signed body is {} answers 200, not 401 KMS.0302', async (_service, path) => {
    const res = await rawSignedRequest(dew.endpoint, dew.credentials, 'GET', path(), '{}');
    expect(res.status).toBe(200);
  });

  it('a GET whose signed body holds fields: 400 in its family naming them, nothing forwarded', async () => {
    const kms = await rawSignedRequest(dew.endpoint, dew.credentials, 'GET', `/v1.0/${project()}/kms/user-quotas`, '{"limit":"1"}');
    expect(refusedIn('kms', kms)).toEqual({ status: 400, code: 'KMS.0202', problems: [] });
    expect(kms.json).toMatchObject({ error: { error_msg: expect.stringContaining('limit') } });
    const csms = await rawSignedRequest(dew.endpoint, dew.credentials, 'GET', `/v1/${project()}/secrets`, '{"limit":"1"}');
    expect(refusedIn('csms', csms)).toEqual({ status: 400, code: 'CSMS.0002', problems: [] });
  });

  it('the e2e client passes data on every call: every GET route of the table is signed with {} and none is refused for its signature', async () => {
    const key = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'wire-get-walk' });
    const secret = await admin.call<{ secret: { id: string; name: string } }>('POST', '/v1/{project_id}/secrets', { name: 'wire-get-walk', secret_string: marker('secret-value') });
    expect([key.status, secret.status]).toEqual([200, 200]);
    const values: Record<string, string> = {
      project_id: project(), key_id: key.body.key_info.key_id, secret_name: secret.body.secret.name, secret_id: secret.body.secret.id,
      version_id: 'v1', stage_name: 'SYSCURRENT', domain_id: dew.credentials.domain_id, access_key: dew.credentials.access,
    };
    const getRoutes = allRoutes.filter((r) => r.method === 'GET');
    const answers = await Promise.all(
      getRoutes.map(async (r) => {
        const path = r.path.replace(/:([a-z_]+)/g, (_m, name: string) => values[name] ?? randomUUID().replace(/-/g, ''));
        const res = await admin.call('GET', path);
        return { route: `${r.method} ${r.path}`, status: res.status, code: res.errorCode };
      }),
    );
    expect(answers.length).toBeGreaterThan(40);
    // 400/404 are the services' own answers to made-up ids and absent queries; 503 comes after
    // authentication, from a subject nothing answers yet (some CSMS calls).
    const refusedForSignature = answers.filter((a) => a.status === 401 || a.status === 500);
    expect(refusedForSignature).toEqual([]);
  });
});

describe('defect 5: each service answers in its own code family and body shape', () => {
  it('CTS: a bad query is 400 CTS.0003, flat', async () => {
    const res = await rawSignedRequest(dew.endpoint, dew.credentials, 'GET', `/v3/${project()}/traces?trace_type=system&limit=500`);
    expect(refusedIn('cts', res)).toEqual({ status: 400, code: 'CTS.0003', problems: [] });
    expect(res.json).toMatchObject({ error_msg: expect.stringContaining('500') });
  });

  it('CTS and KPS: a user allowed nothing is refused 403 CTS.0002 / KPS.0403 naming the action, not KMS.0307', async () => {
    const cts = await rawSignedRequest(dew.endpoint, nobody, 'GET', `/v3/${project()}/traces?trace_type=system`);
    expect(refusedIn('cts', cts)).toEqual({ status: 403, code: 'CTS.0002', problems: [] });
    expect(cts.json).toMatchObject({ error_msg: expect.stringContaining('cts:trace:list') });
    const kps = await rawSignedRequest(dew.endpoint, nobody, 'POST', `/v3/${project()}/keypairs`, JSON.stringify({ keypair: { name: 'kp' } }));
    expect(refusedIn('kps', kps)).toEqual({ status: 403, code: 'KPS.0403', problems: [] });
    expect(kps.json).toMatchObject({ error: { error_msg: expect.stringContaining('kps:domainKeypairs:create') } });
  });

  it('authentication refusals take the shape of the path: KPS.0401, CTS.0002, CSMS.0401, Keystone 401 for IAM', async () => {
    const unsigned = (path: string) => tokenRequest(dew.endpoint, 'GET', path);
    expect(refusedIn('kps', await unsigned(`/v3/${project()}/keypairs`))).toEqual({ status: 401, code: 'KPS.0401', problems: [] });
    expect(refusedIn('cts', await unsigned(`/v3/${project()}/traces?trace_type=system`))).toEqual({ status: 401, code: 'CTS.0002', problems: [] });
    expect(refusedIn('csms', await unsigned(`/v1/${project()}/secrets`))).toEqual({ status: 401, code: 'CSMS.0401', problems: [] });
    expect(refusedIn('kms', await unsigned(`/v1.0/${project()}/kms/user-quotas`))).toEqual({ status: 401, code: 'KMS.0301', problems: [] });
    const iam = await unsigned('/v3/users');
    expect(refusedIn('iam', iam)).toEqual({ status: 401, code: 'IAM.0005', problems: [] });
    expect(iam.json).toMatchObject({ error: { code: 401, title: 'Unauthorized' } });
  });

  it('IAM: a service refusal is Keystone-shaped with the HTTP status as error.code; the SDK client still reports the IAM code', async () => {
    const res = await admin.call('POST', '/v3/users', { user: { name: 'wire-nobody', domain_id: dew.credentials.domain_id } });
    expect(refusal(res)).toEqual({ status: 409, code: 'IAM.0003' });
    expect(conformanceErrors(res.errorBody, ERROR_BODIES.iam)).toEqual([]);
    expect(res.errorBody).toMatchObject({ error: { code: 409, title: 'Conflict' } });
  });

  it('unknown paths answer in the family of the path: CSMS flat, KPS nested, CTS flat, IAM Keystone, KMS nested', async () => {
    const cases: [Family, string, string][] = [
      ['csms', `/v1/${project()}/csms/no-such-thing`, 'CSMS.0005'],
      ['kps', `/v3/${project()}/keypairs/a/b/c`, 'KPS.0404'],
      ['cts', `/v3/${project()}/traces/a/b`, 'CTS.0404'],
      ['iam', '/v3.0/OS-USER/no/such/thing', 'IAM.0002'],
      ['kms', `/v1.0/${project()}/kms/no-such-verb`, 'KMS.0201'],
    ];
    for (const [family, path, code] of cases) {
      const res = await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', path, '{}');
      expect({ path, ...refusedIn(family, res) }).toEqual({ path, status: 404, code, problems: [] });
    }
  });
});

describe('defect 7: version discovery', () => {
  it('GET / lists the versions and GET /v1.0 describes one, as the SDK models them, with absolute links that answer', async () => {
    const list = await tokenRequest(dew.endpoint, 'GET', '/');
    expect(list.status).toBe(200);
    expect(conformanceErrors(list.json, SHOW_VERSIONS)).toEqual([]);
    expect(list.json).toMatchObject({ versions: [{ id: 'v1.0', status: 'CURRENT' }] });
    const one = await tokenRequest(dew.endpoint, 'GET', '/v1.0');
    expect(one.status).toBe(200);
    expect(conformanceErrors(one.json, SHOW_VERSION)).toEqual([]);
    const self = (one.json as { version: { links: { href: string; rel: string }[] } }).version.links.find((l) => l.rel === 'self');
    expect(self?.href).toBe(`${dew.endpoint.replace(/\/$/, '')}/v1.0`);
    expect((await fetch(self!.href)).status).toBe(200);
  });

  it('a malformed Host header is never reflected: the links stay paths', async () => {
    const { port } = new URL(dew.endpoint);
    const text = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/v1.0', method: 'GET', headers: { host: 'evil.example:1/"<x>' } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });
    expect(text).not.toContain('evil.example');
    expect(JSON.parse(text)).toMatchObject({ version: { links: [{ rel: 'self', href: '/v1.0' }] } });
  });

  it('the signed SDK client reads them too (signed {} body)', async () => {
    const res = await admin.call<{ versions: unknown[] }>('GET', '/');
    expect(res.status).toBe(200);
    expect(conformanceErrors(res.body, SHOW_VERSIONS)).toEqual([]);
  });
});

describe('defect 10: KPS batch calls take a JSON array', () => {
  const batch = [{ keypair: { name: 'kp-a' } }, { keypair: { name: 'kp-b' } }];

  it('batch-import and batch-export with a JSON array: accepted at the edge and answered by KPS', async () => {
    const imported = await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', `/v3/${project()}/keypairs/batch-import`, JSON.stringify(batch));
    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({ succeeded_keypairs: [{ keypair: { name: 'kp-a' } }, { keypair: { name: 'kp-b' } }], failed_keypairs: [] });
    // Generated without key_protection: KPS hosts no private key to export.
    const exported = await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', `/v3/${project()}/keypairs/private-key/batch-export`, JSON.stringify(batch));
    expect(refusedIn('kps', exported)).toEqual({ status: 400, code: 'KPS.1102', problems: [] });
  });

  it('batch-import with an object, an empty array or a non-object item: 400 KPS.0002 saying what the route takes; no key created anywhere', async () => {
    const before = await keyCount();
    const path = `/v3/${project()}/keypairs/batch-import`;
    for (const [body, says] of [[{ keypair: { name: 'kp' } }, 'JSON array'], [[], '1 to 100 items, got 0'], [[{ keypair: {} }, 7], 'item 1']] as const) {
      const res = await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', path, JSON.stringify(body));
      expect(refusedIn('kps', res)).toEqual({ status: 400, code: 'KPS.0002', problems: [] });
      expect(res.json).toMatchObject({ error: { error_msg: expect.stringContaining(says) } });
    }
    expect(await keyCount()).toBe(before);
  });

  it('an array sent to a route that takes an object stays refused: 400 KPS.0002 (KMS.0202 on a KMS route)', async () => {
    const kps = await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', `/v3/${project()}/keypairs`, JSON.stringify(batch));
    expect(refusedIn('kps', kps)).toEqual({ status: 400, code: 'KPS.0002', problems: [] });
    const before = await keyCount();
    const kms = await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', `/v1.0/${project()}/kms/create-key`, JSON.stringify([{ key_alias: 'arr' }]));
    expect(refusedIn('kms', kms)).toEqual({ status: 400, code: 'KMS.0202', problems: [] });
    expect(await keyCount()).toBe(before);
  });
});

import { DewSystem, marker, rawSignedRequest, rememberSecret, type ApiCredentials, type SdkClient } from '@dew/testing';
import { LIST_TRACES_RESPONSE } from './conformance/cts-models.js';
import { conformanceErrors } from './conformance/walk.js';

interface Trace {
  trace_id: string;
  trace_name: string;
  resource_id: string;
  code: string;
  request: string;
  response: string;
  time: number;
  endpoint: string;
  enterprise_project_id: string;
  read_only: boolean;
  operation_id: string;
  user: { id: string; name: string; type: string; access_key_id: string; principal_id: string; principal_is_root_user: string; account_id: string; domain: { id: string; name: string } };
}
interface TraceList { traces: Trace[]; meta_data: { count: number; marker: string | null } }

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let dew: DewSystem;
let admin: SdkClient;
beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

async function listTraces(query: string, client: SdkClient = admin): Promise<TraceList> {
  const res = await client.call<TraceList>('GET', `/v3/{project_id}/traces?trace_type=system&${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** Traces are built asynchronously from the streams: ask until `expected` are there (bounded). */
/** Traces are indexed asynchronously: ask until `expected` of them (or the awaited one) are there (bounded). */
async function tracesOf(query: string, expected: number | ((list: TraceList) => boolean)): Promise<TraceList> {
  const done = typeof expected === 'number' ? (list: TraceList) => list.traces.length >= expected : expected;
  let last = await listTraces(query);
  for (let i = 0; i < 50 && !done(last); i++) {
    await new Promise((r) => setTimeout(r, 100));
    last = await listTraces(query);
  }
  return last;
}

let keys = 0;
async function createKey(client: SdkClient, extra: object = {}): Promise<string> {
  const res = await client.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `wire-cts-${++keys}`, ...extra });
  expect(res.status).toBe(200);
  return res.body.key_info.key_id;
}

/** A second access key of the administrator (the same user, another credential). */
async function secondAdminKey(): Promise<ApiCredentials> {
  const me = await admin.call<{ users: { id: string; name: string }[] }>('GET', `/v3/users?name=${dew.credentials.user_name}`);
  const userId = me.body.users[0]!.id;
  const res = await admin.call<{ credential: { access: string; secret: string } }>('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: userId } });
  expect(res.status).toBe(201);
  return { access: res.body.credential.access, secret: rememberSecret('secret-key', res.body.credential.secret), project_id: dew.credentials.project_id };
}

describe('CTS ListTraces: the fields of the SDK models', () => {
  it('traces of a state change, a crypto call, a refused call and an unauthenticated call carry every Traces/UserInfo field with its JSON type (conformance table)', async () => {
    const keyId = await createKey(admin);
    expect((await admin.kms('encrypt-data', { key_id: keyId, plain_text: marker('plaintext') })).status).toBe(200);
    expect((await admin.kms('create-key', { key_alias: 'bad/default' })).status).toBe(400);
    expect((await rawSignedRequest(dew.endpoint, { ...dew.credentials, secret: 'f'.repeat(40) }, 'POST', `/v1.0/${dew.credentials.project_id}/kms/list-keys`, '{}')).status).toBe(401);
    await tracesOf(`resource_id=${keyId}`, 2);
    await tracesOf('trace_rating=warning&trace_name=listKeys', 1);
    const page = await tracesOf('limit=4', 4);
    expect(page.meta_data.marker).toEqual(expect.any(String));
    expect(conformanceErrors(page, LIST_TRACES_RESPONSE)).toEqual([]);
    const kinds = new Set(page.traces.map((t) => `${t.trace_name}/${t.code}`));
    expect([...kinds].sort()).toEqual(['createKey/200', 'createKey/400', 'encryptData/200', 'listKeys/401']);
  });

  it('a trace names the verified caller: its access key, account and name, root user; the endpoint it called; the response without the ciphertext', async () => {
    const keyId = await createKey(admin);
    expect((await admin.kms('encrypt-data', { key_id: keyId, plain_text: marker('plaintext') })).status).toBe(200);
    const { traces } = await tracesOf(`resource_id=${keyId}`, 2);
    const [encrypted, created] = traces;
    const { access, domain_id, domain_name, user_name } = dew.credentials;
    for (const t of [encrypted!, created!]) {
      expect(t.user).toMatchObject({ name: user_name, type: 'User', access_key_id: access, account_id: domain_id, domain: { id: domain_id, name: domain_name }, principal_is_root_user: 'true' });
      expect(t.user.principal_id).toBe(t.user.id);
      expect(t.endpoint).toBe(new URL(dew.endpoint).host);
      expect(t.enterprise_project_id).toBe('0');
    }
    expect(encrypted).toMatchObject({ trace_name: 'encryptData', operation_id: 'EncryptData', read_only: true, response: JSON.stringify({ key_id: keyId }) });
    expect(created).toMatchObject({ trace_name: 'createKey', operation_id: 'CreateKey', read_only: false, response: JSON.stringify({ key_id: keyId }) });
  });

  it('a call refused before authentication is not attributed to the access key it claims: no access key, no principal, and the access_key_id filter does not find it', async () => {
    const claimed = dew.credentials.access;
    const path = `/v1.0/${dew.credentials.project_id}/kms/describe-key`;
    expect((await rawSignedRequest(dew.endpoint, { ...dew.credentials, secret: 'e'.repeat(40) }, 'POST', path, '{}')).status).toBe(401);
    const { traces } = await tracesOf('trace_rating=warning&trace_name=describeKey', 1);
    expect(traces.length).toBeGreaterThan(0);
    for (const t of traces) {
      expect(t.user).toMatchObject({ id: '', name: 'unauthenticated', type: 'Anonymous', access_key_id: '', principal_id: '', principal_is_root_user: 'false', account_id: '' });
      expect(JSON.parse(t.request)).toMatchObject({ claimed_access_key: claimed });
    }
    expect((await listTraces(`trace_rating=warning&trace_name=describeKey&access_key_id=${claimed}`)).traces).toEqual([]);
  });
});

describe('CTS ListTraces: the access_key_id and enterprise_project_id filters', () => {
  it('access_key_id: only the traces of calls signed with that access key', async () => {
    const second = await secondAdminKey();
    const viaSecond = await createKey(dew.client(second));
    const viaFirst = await createKey(admin);
    const bySecond = await tracesOf(`access_key_id=${second.access}&trace_name=createKey`, 1);
    expect(bySecond.traces.map((t) => t.resource_id)).toEqual([viaSecond]);
    expect(bySecond.traces[0]!.user.access_key_id).toBe(second.access);
    const byFirst = await tracesOf(`access_key_id=${dew.credentials.access}&trace_name=createKey`, (list) => list.traces.some((t) => t.resource_id === viaFirst));
    expect(byFirst.traces.map((t) => t.resource_id)).toContain(viaFirst);
    expect(byFirst.traces.map((t) => t.resource_id)).not.toContain(viaSecond);
  });

  it('enterprise_project_id: a key\'s creation, uses and later changes are in its enterprise project, and only there', async () => {
    const keyId = await createKey(admin, { enterprise_project_id: 'ep-wire-cts' });
    expect((await admin.kms('encrypt-data', { key_id: keyId, plain_text: marker('plaintext') })).status).toBe(200);
    expect((await admin.kms('disable-key', { key_id: keyId })).status).toBe(200);
    const inProject = await tracesOf(`enterprise_project_id=ep-wire-cts&resource_id=${keyId}`, 3);
    expect(inProject.traces.map((t) => t.trace_name)).toEqual(['disableKey', 'encryptData', 'createKey']);
    expect((await listTraces(`enterprise_project_id=0&resource_id=${keyId}`)).traces).toEqual([]);
  });
});

describe('CTS ListTraces: from/to in milliseconds over the retention window', () => {
  it('from with 10 digits (seconds, not milliseconds) is refused with 400 naming the 13-digit rule; nothing is listed', async () => {
    const seconds = String(Math.floor(Date.now() / 1000) - 60);
    const res = await admin.call('GET', `/v3/{project_id}/traces?trace_type=system&from=${seconds}`);
    expect(res.status).toBe(400);
    expect(res.errorCode).toBe('CTS.0003');
    expect(res.errorMsg).toContain(`from must be a 13-digit UTC timestamp in milliseconds, got "${seconds}"`);
  });

  it('a trace made a week ago (less an hour, test clock) is found with 13-digit from/to spanning the week; paging with next reaches it', async () => {
    const keyId = await createKey(admin);
    expect((await admin.kms('encrypt-data', { key_id: keyId, plain_text: marker('plaintext') })).status).toBe(200);
    await tracesOf(`resource_id=${keyId}`, 2);
    const aged = 7 * DAY - HOUR;
    await dew.advanceClock('kms', aged);
    await dew.advanceClock('audit', aged);
    for (let i = 0; i < 5; i++) expect((await admin.kms('encrypt-data', { key_id: keyId, plain_text: marker('plaintext') })).status).toBe(200);
    const now = Date.now() + aged;
    // The last hour (the default window) holds only the recent uses.
    expect((await tracesOf(`resource_id=${keyId}`, 5)).traces.map((t) => t.trace_name)).toEqual(Array(5).fill('encryptData'));
    const window = `resource_id=${keyId}&from=${now - 7 * DAY + 10 * MINUTE}&to=${now + MINUTE}&limit=2`;
    expect(String(now - 7 * DAY + 10 * MINUTE)).toMatch(/^\d{13}$/);
    const seen: Trace[] = [];
    let page = await listTraces(window);
    for (let pages = 1; ; pages++) {
      seen.push(...page.traces);
      if (page.meta_data.marker === null || pages > 10) break;
      page = await listTraces(`${window}&next=${page.meta_data.marker}`);
    }
    expect(seen.map((t) => t.trace_name)).toEqual([...Array(6).fill('encryptData'), 'createKey']);
    expect(seen[seen.length - 1]!.time).toBeLessThan(now - 6 * DAY);
    expect(new Set(seen.map((t) => t.trace_id)).size).toBe(7);
  });
});

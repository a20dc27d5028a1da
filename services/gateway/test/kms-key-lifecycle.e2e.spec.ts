import { csmsOperations } from '@dew/contracts';
import { DewSystem, rawSignedRequest, refusal, type SdkClient } from '@dew/testing';

interface KeyInfo {
  key_id: string;
  key_alias: string;
  key_spec: string;
  key_usage: string;
  key_state: string;
  key_description: string;
  creation_date: string;
  scheduled_deletion_date: string;
  default_key_flag: string;
  origin: string;
  sys_enterprise_project_id: string;
}

let dew: DewSystem;
let api: SdkClient;

beforeAll(async () => {
  dew = await DewSystem.start();
  api = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

let aliasCounter = 0;
const alias = (prefix = 'k') => `${prefix}-${Date.now().toString(36)}-${++aliasCounter}`;

async function createKey(body: Record<string, unknown> = {}): Promise<string> {
  const res = await api.kms<{ key_info: { key_id: string; domain_id: string } }>('create-key', { key_alias: alias(), ...body });
  expect(res.status).toBe(200);
  return res.body.key_info.key_id;
}

async function describe_(keyId: string): Promise<KeyInfo> {
  const res = await api.kms<{ key_info: KeyInfo }>('describe-key', { key_id: keyId });
  expect(res.status).toBe(200);
  return res.body.key_info;
}

describe('create-key through the Huawei SDK signer', () => {
  it.each([
    ['AES_256', undefined, 'ENCRYPT_DECRYPT'],
    ['RSA_2048', undefined, 'SIGN_VERIFY'],
    ['RSA_3072', 'ENCRYPT_DECRYPT', 'ENCRYPT_DECRYPT'],
    ['RSA_4096', 'SIGN_VERIFY', 'SIGN_VERIFY'],
    ['EC_P256', undefined, 'SIGN_VERIFY'],
    ['EC_P384', 'SIGN_VERIFY', 'SIGN_VERIFY'],
  ])('%s (usage %s): created Enabled with usage %s, origin kms', async (spec, usage, expectedUsage) => {
    const res = await api.kms<{ key_info: { key_id: string; domain_id: string; region_id: string } }>('create-key', {
      key_alias: alias(spec.toLowerCase()),
      key_spec: spec,
      ...(usage ? { key_usage: usage } : {}),
      key_description: `a ${spec} key`,
    });
    expect(res.status).toBe(200);
    expect(res.body.key_info.key_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.body.key_info.domain_id).toBe(dew.credentials.domain_id);
    const key = await describe_(res.body.key_info.key_id);
    expect(key).toMatchObject({ key_spec: spec, key_usage: expectedUsage, key_state: '2', origin: 'kms', default_key_flag: '0', sys_enterprise_project_id: '0', key_description: `a ${spec} key` });
    expect(key.creation_date).toMatch(/^\d{13}$/);
    expect(key.scheduled_deletion_date).toBe('');
  });

  it('EC_P256 with ENCRYPT_DECRYPT: refused with KMS.0308 naming spec and usage', async () => {
    const res = await api.kms('create-key', { key_alias: alias(), key_spec: 'EC_P256', key_usage: 'ENCRYPT_DECRYPT' });
    expect(refusal(res)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(res.errorMsg).toMatch(/EC_P256/);
  });

  it('alias of 255 characters: accepted; of 256: refused with KMS.1101 naming the length', async () => {
    const base = alias('a');
    await createKey({ key_alias: base + 'x'.repeat(255 - base.length) });
    const res = await api.kms('create-key', { key_alias: base + 'y'.repeat(256 - base.length) });
    expect(refusal(res)).toEqual({ status: 400, code: 'KMS.1101' });
    expect(res.errorMsg).toMatch(/255/);
  });

  it('alias ending in /default: refused with KMS.1101', async () => {
    expect(refusal(await api.kms('create-key', { key_alias: 'mine/default' }))).toEqual({ status: 400, code: 'KMS.1101' });
  });

  it('alias already used in the project: refused with KMS.1104', async () => {
    const taken = alias('dup');
    await createKey({ key_alias: taken });
    expect(refusal(await api.kms('create-key', { key_alias: taken, key_description: 'second' }))).toEqual({ status: 400, code: 'KMS.1104' });
  });

  it('tags at creation (extension): 20 accepted, 21 refused with KMS.0413', async () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `t${i}`, value: `v${i}` }));
    await createKey({ tags: tags(20) });
    expect(refusal(await api.kms('create-key', { key_alias: alias(), tags: tags(21) }))).toEqual({ status: 400, code: 'KMS.0413' });
  });
});

describe('key state transitions', () => {
  it('Enabled → Disabled → Enabled, each refusing a repeat with its own code', async () => {
    const keyId = await createKey();
    const disabled = await api.kms<{ key_info: { key_id: string; key_state: string } }>('disable-key', { key_id: keyId });
    expect(disabled.body.key_info).toEqual({ key_id: keyId, key_state: '3' });
    expect(refusal(await api.kms('disable-key', { key_id: keyId }))).toEqual({ status: 400, code: 'KMS.1301' });
    const enabled = await api.kms<{ key_info: { key_state: string } }>('enable-key', { key_id: keyId });
    expect(enabled.body.key_info.key_state).toBe('2');
    expect(refusal(await api.kms('enable-key', { key_id: keyId }))).toEqual({ status: 400, code: 'KMS.1201' });
  });

  it('schedule-key-deletion: 6 and 1097 days refused with KMS.1401; 7 accepted (as a JSON number too)', async () => {
    const keyId = await createKey();
    expect(refusal(await api.kms('schedule-key-deletion', { key_id: keyId, pending_days: '6' }))).toEqual({ status: 400, code: 'KMS.1401' });
    expect(refusal(await api.kms('schedule-key-deletion', { key_id: keyId, pending_days: '1097' }))).toEqual({ status: 400, code: 'KMS.1401' });
    const res = await api.kms<{ key_id: string; key_state: string }>('schedule-key-deletion', { key_id: keyId, pending_days: 7 });
    expect(res.body).toEqual({ key_id: keyId, key_state: '4' });
    const key = await describe_(keyId);
    expect(Number(key.scheduled_deletion_date) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(Number(key.scheduled_deletion_date) - Date.now()).toBeLessThan(7.1 * 86_400_000);
  });

  it('pending deletion: repeat refused KMS.1402, enable/alias/description refused KMS.0210; cancel → Disabled; cancel again KMS.1501', async () => {
    const keyId = await createKey();
    await api.kms('schedule-key-deletion', { key_id: keyId, pending_days: '1096' });
    expect(refusal(await api.kms('schedule-key-deletion', { key_id: keyId, pending_days: '30' }))).toEqual({ status: 400, code: 'KMS.1402' });
    expect(refusal(await api.kms('enable-key', { key_id: keyId }))).toEqual({ status: 400, code: 'KMS.0210' });
    expect(refusal(await api.kms('update-key-alias', { key_id: keyId, key_alias: alias() }))).toEqual({ status: 400, code: 'KMS.0210' });
    expect(refusal(await api.kms('update-key-description', { key_id: keyId, key_description: 'x' }))).toEqual({ status: 400, code: 'KMS.0210' });
    const cancelled = await api.kms<{ key_id: string; key_state: string }>('cancel-key-deletion', { key_id: keyId });
    expect(cancelled.body).toEqual({ key_id: keyId, key_state: '3' });
    expect((await describe_(keyId)).scheduled_deletion_date).toBe('');
    expect(refusal(await api.kms('cancel-key-deletion', { key_id: keyId }))).toEqual({ status: 400, code: 'KMS.1501' });
  });

  it('update-key-alias and update-key-description: answer the new values; description of 256 refused with KMS.1103', async () => {
    const keyId = await createKey();
    const newAlias = alias('renamed');
    const a = await api.kms<{ key_info: { key_id: string; key_alias: string } }>('update-key-alias', { key_id: keyId, key_alias: newAlias });
    expect(a.body.key_info).toEqual({ key_id: keyId, key_alias: newAlias });
    const d = await api.kms<{ key_info: { key_id: string; key_description: string } }>('update-key-description', { key_id: keyId, key_description: 'd'.repeat(255) });
    expect(d.body.key_info).toEqual({ key_id: keyId, key_description: 'd'.repeat(255) });
    expect(refusal(await api.kms('update-key-description', { key_id: keyId, key_description: 'd'.repeat(256) }))).toEqual({ status: 400, code: 'KMS.1103' });
    expect(refusal(await api.kms('update-key-alias', { key_id: keyId, key_alias: 'x/default' }))).toEqual({ status: 400, code: 'KMS.1101' });
    expect((await describe_(keyId)).key_alias).toBe(newAlias);
  });

  it('unknown key: describe, enable and schedule answer 404 KMS.0207', async () => {
    const missing = '0b9f3c52-7a8e-4e55-9c1d-2f6a8b7c9d00';
    for (const verb of ['describe-key', 'enable-key', 'disable-key', 'cancel-key-deletion']) {
      expect(refusal(await api.kms(verb, { key_id: missing }))).toEqual({ status: 404, code: 'KMS.0207' });
    }
    expect(refusal(await api.kms('schedule-key-deletion', { key_id: missing, pending_days: '7' }))).toEqual({ status: 404, code: 'KMS.0207' });
  });
});

describe('list-keys, user-instances, user-quotas', () => {
  it('paging with limit/marker visits every key once; total and truncated agree; filters narrow', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add(await createKey({ key_spec: 'EC_P256' }));
    const seen: string[] = [];
    let marker: string | undefined;
    let total = -1;
    for (let page = 0; page < 100; page++) {
      const res = await api.kms<{ keys: string[]; key_details: KeyInfo[]; next_marker: string; truncated: string; total: number }>('list-keys', {
        limit: '2',
        key_spec: 'ALL',
        ...(marker ? { marker } : {}),
      });
      expect(res.status).toBe(200);
      expect(res.body.keys).toEqual(res.body.key_details.map((k) => k.key_id));
      expect(res.body.keys.length).toBeLessThanOrEqual(2);
      total = res.body.total;
      seen.push(...res.body.keys);
      if (res.body.truncated === 'false') {
        expect(res.body.next_marker).toBe('');
        break;
      }
      expect(res.body.truncated).toBe('true');
      marker = res.body.next_marker;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    for (const id of ids) expect(seen).toContain(id);

    const ec = await api.kms<{ key_details: KeyInfo[]; total: number }>('list-keys', { key_spec: 'EC_P256', limit: 1000 });
    expect(ec.body.key_details.every((k) => k.key_spec === 'EC_P256')).toBe(true);
    expect(ec.body.total).toBeGreaterThanOrEqual(5);
    const byDefault = await api.kms<{ key_details: KeyInfo[] }>('list-keys', {});
    expect(byDefault.body.key_details.every((k) => k.key_spec === 'AES_256')).toBe(true);
  });

  it('key_state filter: only disabled keys when asked for "3"', async () => {
    const keyId = await createKey();
    await api.kms('disable-key', { key_id: keyId });
    const res = await api.kms<{ key_details: KeyInfo[] }>('list-keys', { key_state: '3', key_spec: 'ALL' });
    expect(res.body.key_details.map((k) => k.key_id)).toContain(keyId);
    expect(res.body.key_details.every((k) => k.key_state === '3')).toBe(true);
  });

  it('limit 0 and 1001 refused with KMS.1601; marker -1 with KMS.1602', async () => {
    expect(refusal(await api.kms('list-keys', { limit: '0' }))).toEqual({ status: 400, code: 'KMS.1601' });
    expect(refusal(await api.kms('list-keys', { limit: '1001' }))).toEqual({ status: 400, code: 'KMS.1601' });
    expect(refusal(await api.kms('list-keys', { marker: '-1' }))).toEqual({ status: 400, code: 'KMS.1602' });
  });

  it('user-instances and user-quotas: count the project keys against the quota of 50', async () => {
    const all = await api.kms<{ total: number }>('list-keys', { key_spec: 'ALL', limit: '1' });
    const instances = await api.call<{ instance_num: number }>('GET', '/v1.0/{project_id}/kms/user-instances');
    expect(instances.status).toBe(200);
    expect(instances.body.instance_num).toBe(all.body.total);
    const quotas = await api.call<{ quotas: { resources: { type: string; used: number; quota: number }[] } }>('GET', '/v1.0/{project_id}/kms/user-quotas');
    expect(quotas.body.quotas.resources).toContainEqual({ type: 'CMK', used: all.body.total, quota: 50 });
  });
});

describe('the gateway at the edge', () => {
  const creds = () => dew.credentials;
  const path = (verb: string, project = creds().project_id) => `/v1.0/${project}/kms/${verb}`;

  it('every response carries X-Request-Id; errors carry code/message beside error_code/error_msg', async () => {
    const res = await rawSignedRequest(dew.endpoint, creds(), 'POST', path('describe-key'), '{"key_id":"0b9f3c52-7a8e-4e55-9c1d-2f6a8b7c9d01"}');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { error_code: 'KMS.0207', error_msg: expect.any(String), code: 'KMS.0207', message: expect.any(String) } });
  });

  it('malformed JSON: 400 KMS.0202', async () => {
    const res = await rawSignedRequest(dew.endpoint, creds(), 'POST', path('create-key'), '{"key_alias": ');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { error_code: 'KMS.0202' } });
  });

  it('missing field: 400 KMS.0204 naming it; wrong type: 400 KMS.0308 naming it', async () => {
    const missing = await rawSignedRequest(dew.endpoint, creds(), 'POST', path('create-key'), '{}');
    expect(missing.json).toMatchObject({ error: { error_code: 'KMS.0204', error_msg: 'key_alias is required' } });
    const wrong = await rawSignedRequest(dew.endpoint, creds(), 'POST', path('create-key'), '{"key_alias":["a"]}');
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ error: { error_code: 'KMS.0308', error_msg: expect.stringContaining('key_alias') } });
  });

  it('sequence of the wrong length: 400 KMS.0206', async () => {
    const res = await rawSignedRequest(dew.endpoint, creds(), 'POST', path('list-keys'), '{"sequence":"short"}');
    expect(res.json).toMatchObject({ error: { error_code: 'KMS.0206' } });
  });

  it('body over 1 MiB: 413 KMS.0203', async () => {
    const big = JSON.stringify({ key_alias: 'x', key_description: 'y'.repeat(1024 * 1024) });
    const res = await rawSignedRequest(dew.endpoint, creds(), 'POST', path('create-key'), big);
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ error: { error_code: 'KMS.0203' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("another project's id in the path: 403 KMS.0305", async () => {
    const res = await rawSignedRequest(dew.endpoint, { ...creds(), project_id: 'f'.repeat(32) }, 'POST', path('list-keys', 'f'.repeat(32)), '{}');
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { error_code: 'KMS.0305' } });
  });

  it('no Authorization: 401 KMS.0301; wrong SK: 401 KMS.0302; date 16 minutes off: 401 KMS.0303', async () => {
    const none = await rawSignedRequest(dew.endpoint, creds(), 'POST', path('list-keys'), '{}', { sign: false });
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ error: { error_code: 'KMS.0301' } });
    const wrongSk = await rawSignedRequest(dew.endpoint, { ...creds(), secret: 'x'.repeat(40) }, 'POST', path('list-keys'), '{}');
    expect(wrongSk.status).toBe(401);
    expect(wrongSk.json).toMatchObject({ error: { error_code: 'KMS.0302' } });
    const skewed = await rawSignedRequest(dew.endpoint, creds(), 'POST', path('list-keys'), '{}', { date: new Date(Date.now() - 16 * 60_000) });
    expect(skewed.status).toBe(401);
    expect(skewed.json).toMatchObject({ error: { error_code: 'KMS.0303' } });
    expect(JSON.stringify(wrongSk.json)).not.toContain(creds().secret);
  });

  it('a signature reused on create-key within its window: authenticated again, the alias rule answers 400 KMS.1104', async () => {
    const body = JSON.stringify({ key_alias: alias('replay') });
    const date = new Date();
    const first = await rawSignedRequest(dew.endpoint, creds(), 'POST', path('create-key'), body, { date });
    expect(first.status).toBe(200);
    const again = await rawSignedRequest(dew.endpoint, creds(), 'POST', path('create-key'), body, { date });
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ error: { error_code: 'KMS.1104' } });
  });

  it('every routed CSMS operation is answered by its service: called with placeholder ids, none answers 503 (not built)', async () => {
    // Rows not built yet answer 503 CSMS.0503 (error-renderer unit spec); every CSMS row is built now.
    for (const o of Object.values(csmsOperations).filter((op) => op.http)) {
      const route = `/v1/${creds().project_id}/${(o.http?.paths[0] ?? '').split('/').slice(3).map((p) => (p.startsWith(':') ? 'any' : p)).join('/')}`;
      const method = o.http?.method ?? 'GET';
      const res = await rawSignedRequest(dew.endpoint, creds(), method, route, method === 'GET' || method === 'DELETE' ? '' : '{}');
      expect({ method, route, served: res.status !== 503 }).toEqual({ method, route, served: true });
    }
  });

  it('unknown path: 404 KMS.0201', async () => {
    const res = await rawSignedRequest(dew.endpoint, creds(), 'POST', path('no-such-thing'), '{}');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json).toMatchObject({ error: { error_code: 'KMS.0201' } });
  });

  it('health and readiness answer without credentials', async () => {
    const live = await fetch(`${dew.endpoint}/health`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok', restarts: 0 });
    const ready = await fetch(`${dew.endpoint}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      services: { iam: 'ok', kms: 'ok', csms: 'ok', kps: 'ok', 'hsm-provisioning': 'ok', audit: 'ok' },
      restarts: { gateway: 0, iam: 0, kms: 0, csms: 0, kps: 0, 'hsm-provisioning': 0, audit: 0 },
    });
  });
});

// Review2 finding: a key-policy Deny on a KMS key is bypassed through scheduled rotation.
// The user may not use the key (manual rotate and put-version are refused), yet
// (a) update-secret lets them point a secret at that key (only IAM is asked, not the key policy), and
// (b) update-secret lets them turn on auto_rotation, after which the scheduler seals new values
//     under the key with the service's own Allow (KmsEnvelope.sealForScheduler).
import { randomBytes } from 'node:crypto';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DewSystem, IamUsers, marker, rememberSecret, type ApiResult, type SdkClient } from '@dew/testing';

const HOUR = 3_600_000;
const S = '/v1/{project_id}/secrets';
const T = '/v1/{project_id}/csms';
let dew: DewSystem;
let admin: SdkClient;
let iam: IamUsers;

const got: { headers: IncomingHttpHeaders; body: string }[] = [];
let receiver: Server;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => { got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }); res.writeHead(204).end(); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  dew = await DewSystem.start({ env: { DEW_CSMS_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
  admin = dew.client();
  iam = new IamUsers(dew, admin, 'rev2');
});
afterAll(async () => {
  await dew?.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
});

const st = (r: ApiResult<unknown>) => ({ status: r.status, code: r.errorCode });
interface Versions { version_metadatas: { id: string; kms_key_id?: string }[] }

async function tasksAfterSweep(query: string): Promise<{ total: number; tasks: { secret_name: string; task_status: string; operate_type: string }[] }> {
  let tasks = { total: 0, tasks: [] as { secret_name: string; task_status: string; operate_type: string }[] };
  for (let i = 0; i < 50 && tasks.total === 0; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    tasks = (await admin.call<typeof tasks>('GET', `${T}/tasks?${query}`)).body;
  }
  return tasks;
}

it('a user denied on a key by its key policy gets values sealed/rotated under that key through the scheduler', async () => {
  const key = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `rev2-${randomBytes(3).toString('hex')}` });
  const keyId = key.body.key_info.key_id;
  const user = await iam.withPolicies([await iam.customPolicy([{ Effect: 'Allow', Action: ['csms:*:*', 'kms:*:*'] }])]);
  const policy = { Version: '1.1', Statement: [{ Effect: 'Deny', Action: ['kms:cmk:*'], Principal: { IAM: [`user:${user.id}`] } }] };
  expect((await admin.kms('create-key-policy', { key_id: keyId, policy: JSON.stringify(policy) })).status).toBe(200);

  // The owner's secret under the key.
  expect((await admin.call('POST', S, { name: 'owner-secret', kms_key_id: keyId, secret_string: rememberSecret('secret-value', marker('secret-value')) })).status).toBe(200);

  // The denied user cannot use the key directly: manual rotation and a new version are refused.
  const manual = await user.client.call('POST', `${S}/owner-secret/rotate`);
  const put = await user.client.call('POST', `${S}/owner-secret/versions`, { secret_string: rememberSecret('secret-value', marker('secret-value')) });
  console.log('manual rotate by denied user', st(manual), manual.errorMsg, '| put version', st(put));
  expect(manual.status).toBeGreaterThanOrEqual(400);
  expect(put.status).toBeGreaterThanOrEqual(400);

  // (b) ... but may switch on auto rotation.
  const plan = await user.client.call('PUT', `${S}/owner-secret`, { auto_rotation: true, rotation_period: '6h' });
  console.log('plan by denied user', st(plan));
  expect(plan.status).toBe(200);

  // (a) ... and may move a secret of their own onto the key they are denied on.
  expect((await user.client.call('POST', S, { name: 'user-secret', secret_string: rememberSecret('secret-value', marker('secret-value')) })).status).toBe(200);
  const moved = await user.client.call<{ secret: { kms_key_id: string } }>('PUT', `${S}/user-secret`, { kms_key_id: keyId, auto_rotation: true, rotation_period: '6h' });
  console.log('key change by denied user', st(moved), moved.body);
  expect(moved.status).toBe(200);
  expect(moved.body.secret.kms_key_id).toBe(keyId);

  await dew.advanceClock('csms', 6 * HOUR + 60_000);
  const owner = await tasksAfterSweep('secret_name=owner-secret&status=SUCCESS');
  const mine = await tasksAfterSweep('secret_name=user-secret&status=SUCCESS');
  console.log('scheduled tasks', JSON.stringify(owner.tasks), JSON.stringify(mine.tasks));
  // The scheduler made the new versions under the key the user is denied on.
  expect(owner.tasks.map((t) => [t.task_status, t.operate_type])).toEqual([['SUCCESS', 'SCHEDULED']]);
  expect(mine.tasks.map((t) => [t.task_status, t.operate_type])).toEqual([['SUCCESS', 'SCHEDULED']]);
  const ownerVersions = (await admin.call<Versions>('GET', `${S}/owner-secret/versions`)).body.version_metadatas;
  const userVersions = (await admin.call<Versions>('GET', `${S}/user-secret/versions`)).body.version_metadatas;
  console.log('versions', JSON.stringify(ownerVersions), JSON.stringify(userVersions));
  expect(ownerVersions.map((v) => v.id)).toContain('v2');
  expect(userVersions.map((v) => v.id)).toContain('v2');
  // The user's own value v2 is sealed under the denied key: the admin (allowed) can read it.
  const read = await admin.call<{ version: { secret_string: string } }>('GET', `${S}/user-secret/versions/v2`);
  expect(read.status).toBe(200);
  rememberSecret('secret-value', read.body.version.secret_string);
});

it('sound: batch import authorises each item\'s KMS key like create-secret (a key-policy-denied key fails that item only)', async () => {
  const key = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `rev2b-${randomBytes(3).toString('hex')}` });
  const keyId = key.body.key_info.key_id;
  const user = await iam.withPolicies([await iam.customPolicy([{ Effect: 'Allow', Action: ['csms:*:*', 'kms:*:*'] }])]);
  const policy = { Version: '1.1', Statement: [{ Effect: 'Deny', Action: ['kms:cmk:*'], Principal: { IAM: [`user:${user.id}`] } }] };
  expect((await admin.kms('create-key-policy', { key_id: keyId, policy: JSON.stringify(policy) })).status).toBe(200);
  const res = await user.client.call<{ error_list: { name: string; error_msg: string }[]; success: number; failed: number }>('POST', `${S}/batch-import`, {
    secrets: [
      { name: 'bi-denied', kms_key_id: keyId, secret_string: rememberSecret('secret-value', marker('secret-value')) },
      { name: 'bi-ok', secret_string: rememberSecret('secret-value', marker('secret-value')) },
    ],
  });
  console.log('batch import', res.status, JSON.stringify(res.body));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ success: 1, failed: 1 });
  expect(res.body.error_list.map((e) => e.name)).toEqual(['bi-denied']);
  expect((await admin.call('GET', `${S}/bi-denied`)).status).toBe(404);
});

it('sound: a delivery carries no value, is signed over "<ts>.<body>" with the one-time key, and the key is in no log/trace (secrets scan)', async () => {
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const ev = await admin.call<{ signing_key: string }>('POST', '/v1/{project_id}/csms/events', { name: 'rev2-ev', event_types: ['SECRET_VERSION_CREATED'], state: 'ENABLED', notification: { target_type: 'WEBHOOK', target_id: url } });
  expect(ev.status).toBe(200);
  const key = rememberSecret('secret-key', ev.body.signing_key);
  const value = rememberSecret('secret-value', marker('secret-value'));
  expect((await admin.call('POST', S, { name: 'rev2-notified', secret_string: rememberSecret('secret-value', marker('secret-value')), event_subscriptions: ['rev2-ev'] })).status).toBe(200);
  expect((await admin.call('POST', `${S}/rev2-notified/versions`, { secret_string: value })).status).toBe(200);
  for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  expect(got.length).toBeGreaterThan(0);
  const d = got[0]!;
  expect(d.body).not.toContain(value);
  const expected = `sha256=${createHmac('sha256', Buffer.from(key, 'hex')).update(`${String(d.headers['x-dew-timestamp'])}.${d.body}`).digest('hex')}`;
  expect(d.headers['x-dew-signature']).toBe(expected);
  const shown = await admin.call('GET', '/v1/{project_id}/csms/events/rev2-ev');
  expect(JSON.stringify(shown.body)).not.toContain(key);
});

// Scheduled rotation obeys KMS key policies (docs/authorization.md, "CSMS and KMS"): switching auto
// rotation on or moving a secret onto a key needs KMS's full decision on that key, and every
// scheduled run acts as whoever switched auto rotation on, with that user's rights at run time.
import { randomBytes } from 'node:crypto';
import { marker, refusal, rememberSecret, startWithIamUsers, type DewSystem, type IamUsers, type SdkClient } from '@dew/testing';

const HOUR = 3_600_000;
const S = '/v1/{project_id}/secrets';
const T = '/v1/{project_id}/csms';
let dew: DewSystem;
let admin: SdkClient;
let iam: IamUsers;

beforeAll(async () => ({ dew, admin, iam } = await startWithIamUsers('rotauthz')));
afterAll(async () => dew?.stop());

interface Versions { version_metadatas: { id: string; kms_key_id?: string }[] }

interface Task { secret_name: string; task_status: string; operate_type: string; task_error_code?: string; task_error_msg?: string }

/** Tasks matching `query`, asked until some are there (the scheduler runs after the clock moves). */
async function tasksAfterSweep(query: string): Promise<{ total: number; tasks: Task[] }> {
  let tasks = { total: 0, tasks: [] as Task[] };
  for (let i = 0; i < 50 && tasks.total === 0; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    tasks = (await admin.call<typeof tasks>('GET', `${T}/tasks?${query}`)).body;
  }
  return tasks;
}

interface Secret { secret: { kms_key_id: string; auto_rotation: boolean; rotation_period: string } }
async function keyWithPolicy(statements: readonly Record<string, unknown>[]): Promise<string> {
  const key = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `rotauthz-${randomBytes(3).toString('hex')}` });
  const keyId = key.body.key_info.key_id;
  if (statements.length > 0) expect((await admin.kms('create-key-policy', { key_id: keyId, policy: JSON.stringify({ Version: '1.1', Statement: statements }) })).status).toBe(200);
  return keyId;
}
const denyAll = (userId: string) => ({ Effect: 'Deny', Action: ['kms:cmk:*'], Principal: { IAM: [`user:${userId}`] } });
const fullRights = async () => iam.withPolicies([await iam.customPolicy([{ Effect: 'Allow', Action: ['csms:*:*', 'kms:*:*'] }])]);
const newValue = () => rememberSecret('secret-value', marker('secret-value'));
const versionIds = async (name: string) => (await admin.call<Versions>('GET', `${S}/${name}/versions`)).body.version_metadatas.map((v) => v.id).sort();
const shown = async (name: string) => (await admin.call<Secret>('GET', `${S}/${name}`)).body.secret;

describe('update-secret on a key whose key policy denies the caller (IAM allows csms:*:* and kms:*:*)', () => {
  let keyId: string;
  let user: { id: string; client: SdkClient };
  beforeAll(async () => {
    user = await fullRights();
    keyId = await keyWithPolicy([denyAll(user.id)]);
    expect((await admin.call('POST', S, { name: 'owner-secret', kms_key_id: keyId, secret_string: newValue() })).status).toBe(200);
  });

  it('switching auto rotation on for a secret under that key is refused 403 CSMS.0403 and the secret keeps auto rotation off', async () => {
    const plan = await user.client.call('PUT', `${S}/owner-secret`, { auto_rotation: true, rotation_period: '6h' });
    expect(refusal(plan)).toEqual({ status: 403, code: 'CSMS.0403' });
    expect(await shown('owner-secret')).toMatchObject({ auto_rotation: false, rotation_period: '' });
  });

  it('moving the caller\'s own secret onto that key (with auto rotation) is refused 403 CSMS.0403 and the secret keeps its key and plan', async () => {
    expect((await user.client.call('POST', S, { name: 'user-secret', secret_string: newValue() })).status).toBe(200);
    const before = await shown('user-secret');
    const moved = await user.client.call('PUT', `${S}/user-secret`, { kms_key_id: keyId, auto_rotation: true, rotation_period: '6h' });
    expect(refusal(moved)).toEqual({ status: 403, code: 'CSMS.0403' });
    expect(await shown('user-secret')).toMatchObject({ kms_key_id: before.kms_key_id, auto_rotation: false });
  });

  it('a backup of a secret under that key is refused 403 CSMS.0403 (no blob leaves)', async () => {
    const backup = await user.client.call<{ secret_blob?: string }>('POST', `${S}/owner-secret/backup`);
    expect(refusal(backup)).toEqual({ status: 403, code: 'CSMS.0403' });
    expect(backup.body.secret_blob).toBeUndefined();
  });
});

it('backup-secret by a user whose key policy denies only kms:cmk:decryptDataKey (IAM allows it): refused 403 CSMS.0403, no blob', async () => {
  const user = await fullRights();
  const keyId = await keyWithPolicy([{ Effect: 'Deny', Action: ['kms:cmk:decryptDataKey'], Principal: { IAM: [`user:${user.id}`] } }]);
  expect((await admin.call('POST', S, { name: 'no-backup', kms_key_id: keyId, secret_string: newValue() })).status).toBe(200);
  const backup = await user.client.call<{ secret_blob?: string }>('POST', `${S}/no-backup/backup`);
  expect(refusal(backup)).toEqual({ status: 403, code: 'CSMS.0403' });
  expect(backup.body.secret_blob).toBeUndefined();
  expect((await admin.call('POST', `${S}/no-backup/backup`)).status).toBe(200);
});

describe('scheduled rotation acts as the user who switched auto rotation on', () => {
  it('the owner later denied by the key policy: the scheduled run is a FAILED task with CSMS.0403 and no version is made', async () => {
    const owner = await fullRights();
    const keyId = await keyWithPolicy([]);
    expect((await owner.client.call('POST', S, { name: 'later-denied', kms_key_id: keyId, secret_string: newValue() })).status).toBe(200);
    expect((await owner.client.call('PUT', `${S}/later-denied`, { auto_rotation: true, rotation_period: '6h' })).status).toBe(200);
    expect((await admin.kms('create-key-policy', { key_id: keyId, policy: JSON.stringify({ Version: '1.1', Statement: [denyAll(owner.id)] }) })).status).toBe(200);
    await dew.advanceClock('csms', 6 * HOUR + 60_000);
    const failed = (await tasksAfterSweep('secret_name=later-denied&status=FAILED')).tasks;
    expect(failed.map((t) => [t.task_status, t.operate_type, t.task_error_code])).toEqual([['FAILED', 'SCHEDULED', 'CSMS.0403']]);
    expect(failed[0]?.task_error_msg).toContain('key policy');
    expect((await admin.call('GET', `${T}/tasks?secret_name=later-denied&status=SUCCESS`)).body).toMatchObject({ total: 0 });
    expect(await versionIds('later-denied')).toEqual(['v1']);
  });

  it('the owner given an IAM Deny on kms:cmk:createDataKey after switching auto rotation on: the scheduled run is a FAILED task with CSMS.0403 and no version is made', async () => {
    const owner = await fullRights();
    const keyId = await keyWithPolicy([]);
    expect((await owner.client.call('POST', S, { name: 'iam-denied', kms_key_id: keyId, secret_string: newValue(), auto_rotation: true, rotation_period: '6h' })).status).toBe(200);
    const groups = await admin.call<{ groups: { id: string }[] }>('GET', `/v3/users/${owner.id}/groups`);
    const deny = await iam.customPolicy([{ Effect: 'Deny', Action: ['kms:cmk:createDataKey'] }]);
    expect((await admin.call('PUT', `/v3/projects/${dew.credentials.project_id}/groups/${groups.body.groups[0]?.id}/roles/${deny}`)).status).toBe(204);
    await dew.advanceClock('csms', 6 * HOUR + 60_000);
    const failed = (await tasksAfterSweep('secret_name=iam-denied&status=FAILED')).tasks;
    expect(failed.map((t) => [t.task_status, t.operate_type, t.task_error_code])).toEqual([['FAILED', 'SCHEDULED', 'CSMS.0403']]);
    expect(failed[0]?.task_error_msg).toContain('an explicit Deny applies');
    expect(await versionIds('iam-denied')).toEqual(['v1']);
  });

  it('the owner deleted after switching auto rotation on: the scheduled run is a FAILED task with CSMS.0403 and no version is made', async () => {
    const owner = await fullRights();
    const keyId = await keyWithPolicy([]);
    expect((await owner.client.call('POST', S, { name: 'owner-gone', kms_key_id: keyId, secret_string: newValue(), auto_rotation: true, rotation_period: '6h' })).status).toBe(200);
    expect((await admin.call('DELETE', `/v3/users/${owner.id}`)).status).toBe(204);
    await dew.advanceClock('csms', 6 * HOUR + 60_000);
    const failed = (await tasksAfterSweep('secret_name=owner-gone&status=FAILED')).tasks;
    expect(failed.map((t) => [t.task_status, t.operate_type, t.task_error_code])).toEqual([['FAILED', 'SCHEDULED', 'CSMS.0403']]);
    expect(await versionIds('owner-gone')).toEqual(['v1']);
  });

  it('an owner still allowed on the key: the scheduled run is a SUCCESS task and makes v2 as SYSCURRENT', async () => {
    const owner = await fullRights();
    const keyId = await keyWithPolicy([]);
    expect((await owner.client.call('POST', S, { name: 'still-allowed', kms_key_id: keyId, secret_string: newValue(), auto_rotation: true, rotation_period: '6h' })).status).toBe(200);
    await dew.advanceClock('csms', 6 * HOUR + 60_000);
    const done = (await tasksAfterSweep('secret_name=still-allowed&status=SUCCESS')).tasks;
    expect(done.map((t) => [t.task_status, t.operate_type])).toEqual([['SUCCESS', 'SCHEDULED']]);
    expect(await versionIds('still-allowed')).toEqual(['v1', 'v2']);
    const current = await admin.call<{ version: { version_metadata: { id: string; version_stages: string[] }; secret_string: string } }>('GET', `${S}/still-allowed/versions/latest`);
    expect(current.body.version.version_metadata).toMatchObject({ id: 'v2', version_stages: ['SYSCURRENT'] });
    rememberSecret('secret-value', current.body.version.secret_string);
  });
});

it('batch-import-secrets with one item under a key whose key policy denies the caller: that item alone fails, with CSMS.0403 in CSMS\'s words', async () => {
  const user = await fullRights();
  const keyId = await keyWithPolicy([denyAll(user.id)]);
  const res = await user.client.call<{ error_list: { name: string; error_msg: string }[]; success: number; failed: number }>('POST', `${S}/batch-import`, {
    secrets: [
      { name: 'bi-denied', kms_key_id: keyId, secret_string: newValue() },
      { name: 'bi-ok', secret_string: newValue() },
    ],
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ success: 1, failed: 1 });
  expect(res.body.error_list.map((e) => e.name)).toEqual(['bi-denied']);
  expect(res.body.error_list[0]?.error_msg).toMatch(/^CSMS\.0403: .*key policy denies it/);
  expect((await admin.call('GET', `${S}/bi-denied`)).status).toBe(404);
});

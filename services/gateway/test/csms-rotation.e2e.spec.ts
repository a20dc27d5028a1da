import { join } from 'node:path';
import { DewSystem, filesContain, marker, rememberSecret, tracesOf, type ApiResult, type SdkClient } from '@dew/testing';
import { CSMS_MODELS, CSMS_ROTATION_MODELS } from './conformance/csms-models.js';
import { conformanceProblems, type Omissions } from './conformance/model-walk.js';

const HOUR = 3_600_000;
const S = '/v1/{project_id}/secrets';
const T = '/v1/{project_id}/csms';
let dew: DewSystem;
let api: SdkClient;

beforeAll(async () => {
  dew = await DewSystem.start();
  api = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

/** The answer is 200 and carries every field its SDK response model declares, with its JSON type. */
async function sdkAnswer<B>(op: string, call: Promise<ApiResult<B>>, omitted: Omissions = {}): Promise<B> {
  const res = await call;
  expect({ op, status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ op, status: 200, body: 'ok' });
  expect(conformanceProblems(res.body, CSMS_ROTATION_MODELS[op] ?? CSMS_MODELS[op] ?? {}, omitted)).toEqual([]);
  return res.body;
}
const refusal = (r: ApiResult<unknown>) => ({ status: r.status, code: r.errorCode });

interface Rotated { version_id: string; secret_name: string; rotation_task_id: string }
interface Version { version: { version_metadata: { id: string; version_stages: string[] }; secret_string?: string } }
interface Task { task_id: string; secret_name: string; task_status: string; operate_type: string; attempt_nums: number; task_time: number }
interface Tasks { total: number; tasks: Task[]; next_marker: string | null }
interface SecretBody { secret: { auto_rotation: boolean; rotation_period: string; rotation_time: number | null; next_rotation_time: number | null } }

/** Tasks matching `query`, asked until some are there (the scheduler runs after the clock moves). */
async function tasksAfterSweep(query: string): Promise<Tasks> {
  let tasks: Tasks = { total: 0, tasks: [], next_marker: null };
  for (let i = 0; i < 50 && tasks.total === 0; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    tasks = (await api.call<Tasks>('GET', `${T}/tasks?${query}`)).body;
  }
  return tasks;
}
const valueOf = async (name: string, version: string) => (await api.call<Version>('GET', `${S}/${name}/versions/${version}`)).body.version;
/** Every value read back in this spec, to prove none reached a trace. */
const seen: string[] = [];
const remember = (value: string | undefined): string => {
  if (value === undefined) throw new Error('no secret_string');
  seen.push(rememberSecret('secret-value', value));
  return value;
};

describe('rotate-secret through the gateway, as the SDK calls it', () => {
  it('a COMMON secret rotated: the new version holds a generated value and SYSCURRENT, the old current keeps SYSPREVIOUS and its value', async () => {
    const first = remember(marker('secret-value'));
    expect((await api.call('POST', S, { name: 'rotating', secret_string: first })).status).toBe(200);
    const rotated = await sdkAnswer<Rotated>('rotate-secret', api.call('POST', `${S}/rotating/rotate`));
    expect(rotated).toMatchObject({ version_id: 'v2', secret_name: 'rotating' });
    const current = await valueOf('rotating', 'latest');
    expect(current.version_metadata).toMatchObject({ id: 'v2', version_stages: ['SYSCURRENT'] });
    const generated = remember(current.secret_string);
    expect(generated).toHaveLength(32);
    expect(generated).not.toBe(first);
    const previous = await valueOf('rotating', 'v1');
    expect(previous.version_metadata.version_stages).toEqual(['SYSPREVIOUS']);
    expect(previous.secret_string).toBe(first);

    const again = await sdkAnswer<Rotated>('rotate-secret', api.call('POST', `${S}/rotating/rotate`));
    expect(again.version_id).toBe('v3');
    remember((await valueOf('rotating', 'v3')).secret_string);
    expect((await valueOf('rotating', 'v2')).version_metadata.version_stages).toEqual(['SYSPREVIOUS']);
    expect((await valueOf('rotating', 'v1')).version_metadata.version_stages).toEqual([]);

    const tasks = await sdkAnswer<Tasks>('list-rotation-tasks', api.call('GET', `${T}/tasks?secret_name=rotating`), { next_marker: 'null on the last page' });
    expect(tasks.total).toBe(2);
    expect(tasks.tasks.map((t) => [t.task_id, t.task_status, t.operate_type, t.attempt_nums])).toEqual([
      [again.rotation_task_id, 'SUCCESS', 'MANUAL', 1],
      [rotated.rotation_task_id, 'SUCCESS', 'MANUAL', 1],
    ]);
  });

  it('an RDS-FG secret is refused with CSMS.0002 and gets no version; an unknown secret is CSMS.0005', async () => {
    await api.call('POST', S, { name: 'rds-secret', secret_type: 'RDS-FG', secret_string: remember(marker('secret-value')) });
    const refused = await api.call('POST', `${S}/rds-secret/rotate`);
    expect(refusal(refused)).toEqual({ status: 400, code: 'CSMS.0002' });
    expect(refused.errorMsg).toContain('only COMMON secrets rotate');
    expect((await api.call<{ version_metadatas: unknown[] }>('GET', `${S}/rds-secret/versions`)).body.version_metadatas).toHaveLength(1);
    expect(refusal(await api.call('POST', `${S}/no-such-secret/rotate`))).toEqual({ status: 404, code: 'CSMS.0005' });
  });
});

describe('scheduled rotation on the test clock', () => {
  it('auto_rotation with rotation_period 6h: due after 6 h, rotated by the scheduler, listed as a SCHEDULED task', async () => {
    await api.call('POST', S, { name: 'scheduled', secret_string: remember(marker('secret-value')) });
    const bad = await api.call('PUT', `${S}/scheduled`, { auto_rotation: true, rotation_period: '5h' });
    expect(refusal(bad)).toEqual({ status: 400, code: 'CSMS.0002' });
    expect(bad.errorMsg).toBe('rotation_period must be an integer with unit d, h, m or s, from 6h to 8760h, got "5h"');
    const planned = await sdkAnswer<SecretBody>('update-secret', api.call('PUT', `${S}/scheduled`, { auto_rotation: true, rotation_period: '6h' }), { 'secret.scheduled_delete_time': 'null: not pending deletion', 'secret.rotation_time': 'null: not rotated yet' });
    expect(planned.secret).toMatchObject({ auto_rotation: true, rotation_period: '6h', rotation_time: null });
    const due = planned.secret.next_rotation_time ?? 0;

    await dew.advanceClock('csms', 6 * HOUR + 60_000);
    const tasks = await tasksAfterSweep('secret_name=scheduled&status=SUCCESS');
    expect(tasks.tasks.map((t) => [t.secret_name, t.task_status, t.operate_type])).toEqual([['scheduled', 'SUCCESS', 'SCHEDULED']]);
    const current = await valueOf('scheduled', 'latest');
    expect(current.version_metadata).toMatchObject({ id: 'v2', version_stages: ['SYSCURRENT'] });
    remember(current.secret_string);
    const after = (await api.call<SecretBody>('GET', `${S}/scheduled`)).body.secret;
    expect(after.rotation_time).toBe(tasks.tasks[0]?.task_time);
    expect(after.next_rotation_time).toBe((after.rotation_time ?? 0) + 6 * 3600);
    expect(after.next_rotation_time).toBeGreaterThan(due);
  });

  it('a scheduled rotation refused by KMS (its key disabled) is a FAILED task with the refusal, and no version', async () => {
    const key = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'rotation-key' });
    const keyId = key.body.key_info.key_id;
    await api.call('POST', S, { name: 'key-off', kms_key_id: keyId, secret_string: remember(marker('secret-value')), auto_rotation: true, rotation_period: '6h' });
    expect((await api.kms('disable-key', { key_id: keyId })).status).toBe(200);
    await dew.advanceClock('csms', 6 * HOUR + 60_000);
    const failed = (await tasksAfterSweep('secret_name=key-off&status=FAILED')).tasks as (Task & { task_error_code: string; task_error_msg: string })[];
    expect(failed.map((t) => [t.task_status, t.operate_type])).toEqual([['FAILED', 'SCHEDULED']]);
    expect(failed[0]?.task_error_code).toMatch(/^CSMS\.\d{4}$/);
    expect(failed[0]?.task_error_msg).not.toBe('');
    expect((await api.call<{ version_metadatas: unknown[] }>('GET', `${S}/key-off/versions`)).body.version_metadatas).toHaveLength(1);
  });

  it('paging: limit 1 gives a next_marker that leads to the next task; a bad limit is CSMS.0002', async () => {
    const page = (await api.call<Tasks>('GET', `${T}/tasks?limit=1`)).body;
    expect(page.tasks).toHaveLength(1);
    expect(page.next_marker).toBe(page.tasks[0]?.task_id);
    const next = (await api.call<Tasks>('GET', `${T}/tasks?limit=1&marker=${page.next_marker ?? ''}`)).body;
    expect(next.tasks[0]?.task_id).not.toBe(page.tasks[0]?.task_id);
    expect(refusal(await api.call('GET', `${T}/tasks?limit=0`))).toEqual({ status: 400, code: 'CSMS.0002' });
  });
});

describe('generate-password', () => {
  it('answers a password to the requested policy; every included type present; limits refused with CSMS.0002', async () => {
    const plain = await sdkAnswer<{ password: string }>('generate-password', api.call('POST', `${T}/generate-password`, {}));
    expect(remember(plain.password)).toHaveLength(32);
    const digits = await sdkAnswer<{ password: string }>('generate-password', api.call('POST', `${T}/generate-password`, { length: 12, exclude_lowercase: true, exclude_uppercase: true, exclude_punctuation: true, exclude_characters: '0' }));
    expect(remember(digits.password)).toMatch(/^[1-9]{12}$/);
    const mixed = await sdkAnswer<{ password: string }>('generate-password', api.call('POST', `${T}/generate-password`, { length: 8, include_space: true, require_each_included_type: true }));
    expect(remember(mixed.password)).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])(?=.*[^a-zA-Z0-9 ])(?=.* ).{8}$/);
    const tooLong = await api.call('POST', `${T}/generate-password`, { length: 129 });
    expect(refusal(tooLong)).toEqual({ status: 400, code: 'CSMS.0002' });
    expect(tooLong.errorMsg).toBe('length must be an integer 8..128, got 129');
  });
});

describe("secrets configuration (Huawei's secret-strength checker) is not served", () => {
  it('ShowSecretsConfig and UpdateSecretsConfig at the SDK paths answer 404 in CSMS shape naming the path, never 503', async () => {
    for (const [method, body] of [['GET', {}], ['PUT', { checking_secret_strength: true }]] as const) {
      const res = await api.call(method, `${S}/checker/config`, body);
      expect(refusal(res)).toEqual({ status: 404, code: 'CSMS.0005' });
      expect(res.errorMsg).toMatch(/^no API at (GET|PUT) \/v1\/[0-9a-f]{32}\/secrets\/checker\/config$/);
    }
  });
});

describe('batch-import-secrets', () => {
  it('each secret created as by create-secret; a refused one is listed with its reason and the others go on', async () => {
    const a = remember(marker('secret-value'));
    const b = remember(marker('secret-value'));
    await api.call('POST', S, { name: 'already-there', secret_string: remember(marker('secret-value')) });
    const answer = await sdkAnswer<{ error_list: { name: string; error_msg: string }[]; total: number; success: number; failed: number }>('batch-import-secrets', api.call('POST', `${S}/batch-import`, {
      secrets: [
        { name: 'imported-a', secret_string: a, description: 'first' },
        { name: 'already-there', secret_string: remember(marker('secret-value')) },
        { name: 'imported-b', secret_string: b, auto_rotation: true, rotation_period: '30d' },
      ],
      total: 3,
    }));
    expect(answer.error_list).toEqual([expect.objectContaining({ name: 'already-there' })]);
    expect(answer).toMatchObject({ total: 3, success: 2, failed: 1 });
    expect(answer.error_list[0]?.error_msg).toMatch(/^CSMS\.\d{4}: /);
    expect((await valueOf('imported-a', 'latest')).secret_string).toBe(a);
    expect((await api.call<SecretBody>('GET', `${S}/imported-b`)).body.secret).toMatchObject({ auto_rotation: true, rotation_period: '30d' });
    expect(refusal(await api.call('POST', `${S}/batch-import`, { secrets: [] }))).toEqual({ status: 400, code: 'CSMS.0002' });
    expect(refusal(await api.call('POST', `${S}/batch-import`, { secrets: [{ name: 'x', secret_string: 'y' }], total: 2 }))).toEqual({ status: 400, code: 'CSMS.0002' });
  });
});

describe('no secret value in any trace or stored event', () => {
  it('the generated and imported values are not in the event store files in the clear', () => {
    expect(seen.length).toBeGreaterThan(8);
    for (const value of seen) expect(filesContain(join(dew.dataDir, 'nats', 'store'), Buffer.from(value))).toBe(false);
  });

  it('rotation, import and password traces are recorded without the values they handled', async () => {
    const rotations = await tracesOf(api, 'trace_name=rotateSecret', 3);
    expect(rotations.traces.length).toBeGreaterThanOrEqual(3);
    expect(rotations.traces.map((t) => t.user.name)).toContain('admin');
    await tracesOf(api, 'trace_name=createSecret', 6);
    const all = await api.call<{ traces: unknown[] }>('GET', '/v3/{project_id}/traces?trace_type=system&limit=200');
    expect(all.status).toBe(200);
    const text = JSON.stringify(all.body);
    expect(seen.length).toBeGreaterThan(8);
    for (const value of seen) expect(text.includes(value)).toBe(false);
  });
});

import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DewSystem, filesContain, marker, rememberSecret, type ApiResult, type SdkClient } from '@dew/testing';

const DAY = 86_400_000;
const SECRET_MARKER = marker('secret-value');
let dew: DewSystem;
let api: SdkClient;

beforeAll(async () => {
  dew = await DewSystem.start();
  api = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

const csmsRefusal = (r: ApiResult<unknown>) => ({ status: r.status, code: r.errorCode });
const S = '/v1/{project_id}/secrets';
interface SecretBody { secret: { id: string; name: string; state: string; kms_key_id: string; description: string; scheduled_delete_time: number | null } }
interface VersionBody { version: { version_metadata: { id: string; version_stages: string[] }; secret_string?: string; secret_binary?: string } }

describe('the CSMS walk-through of the Huawei user guide', () => {
  it('create (csms/default key, v1 SYSCURRENT), read, add versions, stages, update, schedule and cancel deletion, delete', async () => {
    const second = marker('secret-value');
    const binary = rememberSecret('secret-value', randomBytes(24));
    const created = await api.call<SecretBody>('POST', S, { name: 'db-password', secret_string: SECRET_MARKER, description: 'the database' });
    expect(created.status).toBe(200);
    expect(created.body.secret).toMatchObject({ name: 'db-password', state: 'ENABLED', description: 'the database' });
    const keys = await api.kms<{ key_details: { key_id: string; key_alias: string; default_key_flag: string }[] }>('list-keys', { key_spec: 'ALL' });
    expect(keys.body.key_details).toContainEqual(expect.objectContaining({ key_id: created.body.secret.kms_key_id, key_alias: 'csms/default', default_key_flag: '1' }));

    const v1 = await api.call<VersionBody>('GET', `${S}/db-password/versions/latest`);
    expect(v1.body.version.secret_string).toBe(SECRET_MARKER);
    expect(v1.body.version.version_metadata).toMatchObject({ id: 'v1', version_stages: ['SYSCURRENT'] });

    const v2 = await api.call<{ version_metadata: { id: string; version_stages: string[] } }>('POST', `${S}/db-password/versions`, { secret_string: second });
    expect(v2.body.version_metadata).toMatchObject({ id: 'v2', version_stages: ['SYSCURRENT'] });
    const old = await api.call<VersionBody>('GET', `${S}/db-password/versions/v1`);
    expect(old.body.version.version_metadata.version_stages).toEqual(['SYSPREVIOUS']);
    const v3 = await api.call<{ version_metadata: { id: string; version_stages: string[] } }>('POST', `${S}/db-password/versions`, { secret_binary: binary.toString('base64'), version_stages: ['canary'] });
    expect(v3.body.version_metadata).toMatchObject({ id: 'v3', version_stages: ['canary'] });
    expect((await api.call<VersionBody>('GET', `${S}/db-password/versions/v3`)).body.version.secret_binary).toBe(binary.toString('base64'));
    expect((await api.call<VersionBody>('GET', `${S}/db-password/versions/latest`)).body.version.secret_string).toBe(second);

    const moved = await api.call<{ stage: { version_id: string } }>('PUT', `${S}/db-password/stages/canary`, { version_id: 'v1' });
    expect(moved.body.stage.version_id).toBe('v1');
    expect(csmsRefusal(await api.call('DELETE', `${S}/db-password/stages/SYSCURRENT`))).toEqual({ status: 400, code: 'CSMS.0105' });
    expect((await api.call('DELETE', `${S}/db-password/stages/canary`)).status).toBe(204);

    const updated = await api.call<SecretBody>('PUT', `${S}/db-password`, { description: 'rotated monthly' });
    expect(updated.body.secret.description).toBe('rotated monthly');

    expect(csmsRefusal(await api.call('POST', `${S}/db-password/scheduled-deleted-tasks/create`, { recovery_window_in_days: 6 }))).toEqual({ status: 400, code: 'CSMS.0002' });
    const scheduled = await api.call<SecretBody>('POST', `${S}/db-password/scheduled-deleted-tasks/create`, { recovery_window_in_days: 7 });
    expect(scheduled.body.secret.state).toBe('PENDING_DELETE');
    expect(csmsRefusal(await api.call('GET', `${S}/db-password/versions/latest`))).toEqual({ status: 400, code: 'CSMS.0103' });
    expect(csmsRefusal(await api.call('POST', `${S}/db-password/versions`, { secret_string: 'x' }))).toEqual({ status: 400, code: 'CSMS.0103' });
    const cancelled = await api.call<SecretBody>('POST', `${S}/db-password/scheduled-deleted-tasks/cancel`);
    expect(cancelled.body.secret.state).toBe('ENABLED');
    expect((await api.call('DELETE', `${S}/db-password`)).status).toBe(204);
    expect(csmsRefusal(await api.call('GET', `${S}/db-password`))).toEqual({ status: 404, code: 'CSMS.0005' });
  });

  it('a scheduled deletion runs at its deadline on the test clock', async () => {
    await api.call('POST', S, { name: 'short-lived', secret_string: marker('secret-value') });
    await api.call('POST', `${S}/short-lived/scheduled-deleted-tasks/create`, { recovery_window_in_days: 7 });
    await dew.advanceClock('csms', 7 * DAY + 60_000);
    expect(csmsRefusal(await api.call('GET', `${S}/short-lived`))).toEqual({ status: 404, code: 'CSMS.0005' });
  });
});

describe('limits and key failures', () => {
  it('name of 64 accepted, 65 refused; duplicate name CSMS.1002; value of 32 KB accepted, one byte more refused', async () => {
    expect((await api.call('POST', S, { name: 'n'.repeat(64), secret_string: 'x' })).status).toBe(200);
    expect(csmsRefusal(await api.call('POST', S, { name: 'n'.repeat(65), secret_string: 'x' }))).toEqual({ status: 400, code: 'CSMS.0002' });
    expect(csmsRefusal(await api.call('POST', S, { name: 'n'.repeat(64), secret_string: 'y' }))).toEqual({ status: 400, code: 'CSMS.1002' });
    const valueOf = (length: number) => rememberSecret('secret-value', marker('secret-value').padEnd(length, 'a'));
    expect((await api.call('POST', S, { name: 'big', secret_string: valueOf(32 * 1024) })).status).toBe(200);
    expect(csmsRefusal(await api.call('POST', S, { name: 'too-big', secret_string: valueOf(32 * 1024 + 1) }))).toEqual({ status: 400, code: 'CSMS.0002' });
  });

  it('20 versions kept; the 21st removes the oldest unstaged one; the 13th stage is refused with CSMS.1003', async () => {
    await api.call('POST', S, { name: 'many', secret_string: 'v1' });
    for (let i = 2; i <= 21; i++) await api.call('POST', `${S}/many/versions`, { secret_string: `v${i}` });
    const list = await api.call<{ version_metadatas: { id: string }[] }>('GET', `${S}/many/versions`);
    expect(list.body.version_metadatas).toHaveLength(20);
    expect(list.body.version_metadatas.map((v) => v.id)).not.toContain('v1');
    for (let i = 1; i <= 10; i++) expect((await api.call('PUT', `${S}/many/stages/stage-${i}`, { version_id: `v${i + 5}` })).status).toBe(200);
    expect(csmsRefusal(await api.call('PUT', `${S}/many/stages/stage-11`, { version_id: 'v5' }))).toEqual({ status: 400, code: 'CSMS.1003' });
  });

  it('a disabled KMS key makes reads fail with CSMS.1004 naming the key; enabling it restores them', async () => {
    const keyId = (await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'secrets-key' })).body.key_info.key_id;
    const guarded = marker('secret-value');
    await api.call('POST', S, { name: 'guarded', secret_string: guarded, kms_key_id: keyId });
    await api.kms('disable-key', { key_id: keyId });
    const refused = await api.call('GET', `${S}/guarded/versions/latest`);
    expect(csmsRefusal(refused)).toEqual({ status: 400, code: 'CSMS.1004' });
    expect(refused.errorMsg).toContain(keyId);
    await api.kms('enable-key', { key_id: keyId });
    expect((await api.call<VersionBody>('GET', `${S}/guarded/versions/latest`)).body.version.secret_string).toBe(guarded);
    // Deletion risk (K16): the key's report names the secret that depends on it.
    const risk = await api.kms<{ dependents: { service: string; resource_type: string; resource_name: string }[] }>('delete-key-risk-tips', { key_id: keyId });
    expect(risk.body.dependents).toEqual([expect.objectContaining({ service: 'csms', resource_type: 'secret', resource_name: 'guarded' })]);
  });

  it('tags: 10 per secret accepted, the 11th refused; search by tags with AND semantics', async () => {
    const id = (await api.call<SecretBody>('POST', S, { name: 'tagged', secret_string: 'x' })).body.secret.id;
    for (let i = 0; i < 10; i++) expect((await api.call('POST', `/v1/{project_id}/csms/${id}/tags`, { tag: { key: `k${i}`, value: 'v' } })).status).toBe(204);
    expect(csmsRefusal(await api.call('POST', `/v1/{project_id}/csms/${id}/tags`, { tag: { key: 'k10', value: 'v' } }))).toEqual({ status: 400, code: 'CSMS.0002' });
    const found = await api.call<{ resources: { resource_id: string }[]; total_count: number }>('POST', '/v1/{project_id}/csms/resource_instances/action', { action: 'filter', tags: [{ key: 'k1', values: ['v'] }, { key: 'k2', values: ['v'] }] });
    expect(found.body.resources.map((r) => r.resource_id)).toEqual([id]);
  });
});

describe('backup and restore', () => {
  it('backup, delete, restore: every version and stage comes back and decrypts; restoring over an existing name is refused', async () => {
    const first = marker('secret-value');
    const second = marker('secret-value');
    await api.call('POST', S, { name: 'precious', secret_string: first });
    await api.call('POST', `${S}/precious/versions`, { secret_string: second, version_stages: ['SYSCURRENT', 'custom'] });
    const backup = await api.call<{ secret_blob: string }>('POST', `${S}/precious/backup`);
    expect(backup.body.secret_blob.length).toBeGreaterThan(100);
    expect(Buffer.from(backup.body.secret_blob, 'base64').toString()).not.toContain(second);
    expect(csmsRefusal(await api.call('POST', `${S}/restore`, { secret_blob: backup.body.secret_blob }))).toEqual({ status: 400, code: 'CSMS.1002' });
    await api.call('DELETE', `${S}/precious`);
    const restored = await api.call<SecretBody>('POST', `${S}/restore`, { secret_blob: backup.body.secret_blob });
    expect(restored.body.secret.name).toBe('precious');
    expect((await api.call<VersionBody>('GET', `${S}/precious/versions/v1`)).body.version.secret_string).toBe(first);
    const latest = await api.call<VersionBody>('GET', `${S}/precious/versions/latest`);
    expect(latest.body.version).toMatchObject({ secret_string: second, version_metadata: { id: 'v2', version_stages: expect.arrayContaining(['SYSCURRENT', 'custom']) } });
  });
});

describe('secret values stay secret', () => {
  it('no secret value appears in the store files or service logs', async () => {
    await dew.halt();
    expect(filesContain(join(dew.dataDir, 'nats', 'store'), Buffer.from(SECRET_MARKER))).toBe(false);
    for (const log of readdirSync(join(dew.dataDir, 'logs'))) expect(readFileSync(join(dew.dataDir, 'logs', log), 'utf8')).not.toContain(SECRET_MARKER);
    await dew.restart();
  });
});

describe('secret quota', () => {
  it('the 200th secret of a project is accepted, the 201st refused with CSMS.1001; deleting one frees a slot', async () => {
    const other = dew.client(await dew.bootstrapDomain('quota-tenant'));
    for (let i = 1; i <= 200; i++) {
      const res = await other.call('POST', S, { name: `s-${i}`, secret_string: 'x' });
      if (res.status !== 200) throw new Error(`secret ${i}: ${res.status} ${res.errorCode}`);
    }
    expect(csmsRefusal(await other.call('POST', S, { name: 's-201', secret_string: 'x' }))).toEqual({ status: 400, code: 'CSMS.1001' });
    expect((await other.call('DELETE', `${S}/s-1`)).status).toBe(204);
    expect((await other.call('POST', S, { name: 's-201', secret_string: 'x' })).status).toBe(200);
  });
});

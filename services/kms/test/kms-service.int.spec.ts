import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DewError } from '@dew/contracts';
import { request, type RequestContext } from '@dew/messaging';
import { startService, type ServiceSettings } from '@dew/nest-kit';
import { startTestNats, type TestNats } from '@dew/testing';
import { KmsModule } from '../src/kms.module.js';
import { kmsSettingsFromEnv } from '../src/settings.js';

let nats: TestNats;
let dataDir: string;
let client: NatsConnection;
/** kms.ensure-default-key answers csms only (its caller by the NATS permissions). */
let asCsms: NatsConnection;
const apps: INestApplicationContext[] = [];

function settings(): ServiceSettings {
  return {
    service: 'kms',
    natsUrl: nats.url,
    dataDir,
    testClock: true,
    logLevel: 'silent',
    region: 'test-region',
    streamReplicas: 1,
    auditRetentionMs: 7 * 86_400_000,
    rootKey: { provider: 'file', file: join(dataDir, 'root.key') },
    restarts: 0,
    replica: 1,
  };
}

async function startKms(): Promise<INestApplicationContext> {
  const s = settings();
  // As main.ts starts it: the controllers answer on DEW's NATS transport.
  // A key quota of 3 (DEW_KMS_KEY_QUOTA), so the quota spec below reaches it in a few creates.
  const kms = kmsSettingsFromEnv(s, { DEW_SCHEDULER_INTERVAL_MS: '3600000', DEW_MATERIAL_CACHE_SIZE: '100', DEW_KMS_KEY_QUOTA: '3' });
  const app = await startService(KmsModule.forRoot(kms), s, 'kms', {});
  apps.push(app);
  return app;
}

const ctx = (projectId: string): RequestContext => ({
  requestId: randomUUID(),
  projectId,
  domainId: 'd'.repeat(32),
  userId: 'u'.repeat(32),
  userName: 'tester',
  sourceIp: '127.0.0.1',
  traceType: 'ApiCall',
  iamDecision: 'Allow',
});

const call = <T>(verb: string, body: object, project = 'p'.repeat(32)) => request<T>(client, `kms.${verb}`, body, ctx(project));

beforeAll(async () => {
  nats = await startTestNats();
  dataDir = mkdtempSync(join(tmpdir(), 'dew-kms-int-'));
  client = await nats.connect();
  asCsms = await nats.connect({ actsAs: 'csms' });
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await nats.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kms service over real NATS', () => {
  it('create-key then describe-key: the key is Enabled and carries the request fields', async () => {
    await startKms();
    const created = await call<{ key_info: { key_id: string; region_id: string } }>('create-key', { key_alias: 'int-1', key_spec: 'RSA_2048', key_usage: 'ENCRYPT_DECRYPT' });
    expect(created.key_info.region_id).toBe('test-region');
    const described = await call<{ key_info: Record<string, string> }>('describe-key', { key_id: created.key_info.key_id });
    expect(described.key_info).toMatchObject({ key_alias: 'int-1', key_spec: 'RSA_2048', key_usage: 'ENCRYPT_DECRYPT', key_state: '2', realm: 'test-region' });
  });

  it('a refusal travels back as the same DewError code and status', async () => {
    await expect(call('describe-key', { key_id: '0b9f3c52-7a8e-4e55-9c1d-2f6a8b7c9d02' })).rejects.toMatchObject({ code: 'KMS.0207', status: 404 });
    await expect(call('create-key', {})).rejects.toBeInstanceOf(DewError);
  });

  it('projects are separate keyrings: the same alias can exist once in each', async () => {
    await call('create-key', { key_alias: 'shared-alias' }, 'a'.repeat(32));
    await call('create-key', { key_alias: 'shared-alias' }, 'b'.repeat(32));
    await expect(call('create-key', { key_alias: 'shared-alias' }, 'a'.repeat(32))).rejects.toMatchObject({ code: 'KMS.1104' });
  });

  it('a restarted service rebuilds the same state from the stream', async () => {
    const before = await call<{ key_details: unknown[]; total: number }>('list-keys', { key_spec: 'ALL' });
    for (const app of apps.splice(0)) await app.close();
    await startKms();
    const after = await call<{ key_details: unknown[]; total: number }>('list-keys', { key_spec: 'ALL' });
    expect(after).toEqual(before);
    expect(after.total).toBeGreaterThan(0);
  });

  it('DEW_KMS_KEY_QUOTA=3: user-quotas shows quota 3 and the count, the 4th create-key → KMS.1105 naming 3', async () => {
    const project = '3'.repeat(32);
    for (const n of [1, 2, 3]) await call('create-key', { key_alias: `quota-${n}` }, project);
    const quotas = await call<{ quotas: { resources: { type: string; used: number; quota: number }[] } }>('user-quotas', {}, project);
    expect(quotas.quotas.resources).toContainEqual({ type: 'CMK', used: 3, quota: 3 });
    await expect(call('create-key', { key_alias: 'quota-4' }, project)).rejects.toMatchObject({ code: 'KMS.1105', message: 'key quota of 3 reached (3 keys in project)' });
  });

  it('two service instances on one stream: concurrent creates of one alias yield exactly one key', async () => {
    await startKms(); // a second instance beside the first (queue group shares the requests)
    const project = 'c'.repeat(32);
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => call('create-key', { key_alias: 'contended' }, project)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'KMS.1104' });
    const list = await call<{ total: number }>('list-keys', { key_spec: 'ALL' }, project);
    expect(list.total).toBe(1);
  });

  it('default keys: concurrent first uses create one csms/default key; every K3 refusal holds; listed with default_key_flag 1', async () => {
    const project = 'f'.repeat(32);
    const results = await Promise.all(Array.from({ length: 6 }, () => request<{ key_id: string }>(asCsms, 'kms.ensure-default-key', { service: 'csms' }, ctx(project))));
    const ids = new Set(results.map((r) => r.key_id));
    expect(ids.size).toBe(1);
    const keyId = [...ids][0]!;
    const refused = async (verb: string, body: object, code: string) => expect(call(verb, { key_id: keyId, ...body }, project)).rejects.toMatchObject({ code });
    await refused('disable-key', {}, 'KMS.0211');
    await refused('schedule-key-deletion', { pending_days: '7' }, 'KMS.0211');
    await refused('update-key-alias', { key_alias: 'renamed' }, 'KMS.0211');
    await refused('update-key-description', { key_description: 'x' }, 'KMS.0211');
    await refused('enable-key-rotation', {}, 'KMS.0211');
    await refused('update-key-enterprise-project', { enterprise_project_id: 'ep1' }, 'KMS.0211');
    await expect(call(`create-key-tag`, { key_id: keyId, tag: { key: 'a', value: 'b' } }, project)).rejects.toMatchObject({ code: 'KMS.0411' });
    const list = await call<{ key_details: { key_alias: string; default_key_flag: string }[] }>('list-keys', { key_spec: 'ALL' }, project);
    expect(list.key_details).toEqual([expect.objectContaining({ key_alias: 'csms/default', default_key_flag: '1' })]);
    const quotas = await call<{ instance_num: number }>('user-instances', {}, project);
    expect(quotas.instance_num).toBe(0);
    const enc = await call<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: 'the API may use default keys' }, project);
    expect(enc.cipher_text.length).toBeGreaterThan(100);
  });

  it('audit fails closed: with the AUDIT stream gone (no stream answers), encrypt-data answers 503 and no ciphertext, key reads still work', async () => {
    const project = 'e'.repeat(32);
    const keyId = (await call<{ key_info: { key_id: string } }>('create-key', { key_alias: 'audited' }, project)).key_info.key_id;
    const ok = await call<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: 'before' }, project);
    expect(ok.cipher_text.length).toBeGreaterThan(100);
    await (await jetstreamManager(client)).streams.delete('AUDIT');
    // No stream answering reads like a stream whose leader is being elected: 503, and no retry offered (docs/architecture.md, "Cluster mode").
    await expect(call('encrypt-data', { key_id: keyId, plain_text: 'after' }, project)).rejects.toMatchObject({ code: 'KMS.0101', status: 503, message: expect.stringContaining('could not be stored') });
    await expect(call('gen-random', { random_data_length: '64' }, project)).rejects.toMatchObject({ status: 503, retryAfterS: undefined });
    expect((await call<{ key_info: { key_id: string } }>('describe-key', { key_id: keyId }, project)).key_info.key_id).toBe(keyId);
  });
});

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { wholeDigest } from '@dew/event-sourcing';
import { rebuildAtCut, takeCut, type Rebuilt } from '@dew/read-models';
import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { startOrderedRun } from '@dew/event-store';
import { auditRecordsOf, type AuditRecord } from '@dew/contracts';
import { AuditPublisher, subjects } from '@dew/messaging';
import { DewSystem, marker, tracesOf, type SdkClient } from '@dew/testing';

const CLI = resolve(import.meta.dirname, '../../../deploy/local/dist/cli.js');
const WORKER = resolve(import.meta.dirname, '../../../libs/read-models/dist/replay/audit-worker.js');

let dew: DewSystem;
let api: SdkClient;
beforeAll(async () => {
  dew = await DewSystem.start();
  api = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

/** `npm run dew -- replay` against the running system, as an operator runs it. */
function runReplay(): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, 'replay'], {
      env: { PATH: process.env.PATH ?? '', DEW_DATA_DIR: dew.dataDir, DEW_NATS_PORT: String(dew.natsPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => done({ code, out }));
  });
}

const modelLine = (out: string, model: string) => out.split('\n').find((l) => l.trim().startsWith(`${model} (`)) ?? '';

async function someOfEverything(tag: string): Promise<void> {
  // A key outside the default enterprise project: the traces of its later events carry it too (docs/cts-traces.md).
  const key = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `replay-${tag}`, enterprise_project_id: `ep-${tag}` });
  expect(key.status).toBe(200);
  const keyId = key.body.key_info.key_id;
  expect((await api.kms('encrypt-data', { key_id: keyId, plain_text: marker('plaintext') })).status).toBe(200);
  expect((await api.kms('create-grant', { key_id: keyId, grantee_principal: 'a'.repeat(32), operations: ['describe-key'], name: `g-${tag}` })).status).toBe(200);
  expect((await api.kms('disable-key', { key_id: keyId })).status).toBe(200);
  expect((await api.kms('create-key', { key_alias: `${tag}-${'x'.repeat(256)}` })).status).toBe(400); // a refused request is a warning trace
  const secret = await api.call('POST', '/v1/{project_id}/secrets', { name: `replay-${tag}`, secret_string: marker('secret-value') });
  expect(secret.status).toBe(200);
  expect((await api.call('POST', `/v1/{project_id}/secrets/replay-${tag}/versions`, { secret_string: marker('secret-value') })).status).toBe(200);
  // A deleted secret leaves the set but for its id (docs/architecture.md, "Event sourcing on JetStream"): rebuilt the same.
  expect((await api.call('POST', '/v1/{project_id}/secrets', { name: `replay-${tag}-gone`, secret_string: marker('secret-value') })).status).toBe(200);
  expect((await api.call('DELETE', `/v1/{project_id}/secrets/replay-${tag}-gone`)).status).toBe(204);
  const user = await api.call('POST', '/v3/users', { user: { name: `replay-${tag}`, domain_id: dew.credentials.domain_id } });
  expect(user.status).toBe(201);
  const pair = await api.call('POST', '/v3/{project_id}/keypairs', { keypair: { name: `replay-${tag}`, algorithm: 'SSH_ED25519', key_protection: { encryption: { type: 'default' } } } });
  expect(pair.status).toBe(200);
  expect((await api.call('POST', '/v3/{project_id}/dew-servers', { server: { name: `replay-${tag}`, address: '127.0.0.1', status: 'Shut down' } })).status).toBe(200);
}

describe('replay (dew replay / make replay)', () => {
  it('after keys, grants, crypto, secrets (one deleted), users, key pairs, servers, an HSM purchase and a refusal: every read model rebuilt from the streams is identical to the live one, chains intact, exit 0', async () => {
    await someOfEverything('a');
    await someOfEverything('b');
    // Not in someOfEverything: the live test calls it more often than the 10 instances a project may hold.
    expect((await api.call('POST', '/v1/{project_id}/dew-hsm/instances', { contact: 'replay' })).status).toBe(200);
    const { code, out } = await runReplay();
    expect(out).toMatch(/\nidentical$/m);
    expect(code).toBe(0);
    for (const model of ['iam.accounts', 'iam.directory', 'kms.keyrings', 'kms.key-index', 'csms.secret-sets', 'kps.keypair-sets', 'hsm.instance-sets', 'audit.traces']) {
      expect(modelLine(out, model)).toMatch(/live [1-9]\d*, rebuilt [1-9]\d* documents: identical/);
    }
    expect(out).toMatch(/audit\.trace-chains: [1-9]\d* chains, [1-9]\d* traces: intact/);
    // Every subject a service serves (health, clock, models) is inside its NATS permissions.
    for (const log of readdirSync(join(dew.dataDir, 'logs'))) expect(`${log}: ${readFileSync(join(dew.dataDir, 'logs', log), 'utf8')}`).not.toContain('Permissions Violation');
  });

  it('the streams read all at once or one after another: the same documents, versions and digests in every model', async () => {
    const nc = await dew.connectNats('replay');
    try {
      const cut = await takeCut(nc);
      const together = await rebuildAtCut(nc, cut);
      const inTurn = await rebuildAtCut(nc, cut, { oneStreamAtATime: true });
      const versions = (r: Rebuilt) => Object.fromEntries([...r.models].map(([name, docs]) => [name, docs.map(({ id, seq, digest }) => `${id} ${seq} ${digest}`).sort()]));
      expect(together.events).toBeGreaterThan(0);
      expect([together.messages, together.events]).toEqual([inTurn.messages, inTurn.events]);
      expect(versions(together)).toEqual(versions(inTurn));
      // A document as compare.ts reads it where a bucket differs (an AUDIT trace's, rebuilt from its record's text) has the digest it was summed with.
      for (const docs of together.models.values()) for (const d of docs) expect(`${d.id} ${wholeDigest(d.doc)}`).toBe(`${d.id} ${d.digest}`);
      // AUDIT digested in one and in two worker threads (the built worker: these sources have none beside them): the same as in this thread.
      for (const auditThreads of [1, 2]) {
        const inWorkers = await rebuildAtCut(nc, cut, { auditThreads, auditWorkerFile: pathToFileURL(WORKER) });
        expect(versions(inWorkers)).toEqual(versions(together));
      }
    } finally {
      await nc.close();
    }
  });

  it('while requests keep changing state during the replay: the live models are compared at the same cut, still identical', async () => {
    let writing = true;
    let n = 0;
    const writer = (async () => {
      while (writing) await someOfEverything(`live-${n++}`);
    })();
    await new Promise((r) => setTimeout(r, 300));
    const { code, out } = await runReplay();
    writing = false;
    await writer;
    expect(n).toBeGreaterThan(0);
    expect(out).toMatch(/\nidentical$/m);
    expect(code).toBe(0);
  });

  it('audit records stored several to a message (one publisher turn) and crypto calls made at once: every record is its own trace, and the replay is identical', async () => {
    const keyId = (await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'replay-batched' })).body.key_info.key_id;
    const kms = await dew.connectNats('kms');
    const reader = await dew.connectNats('replay'); // kms may only append to AUDIT
    const jsm = await jetstreamManager(reader);
    try {
      const after = (await jsm.streams.info('AUDIT')).state.last_seq;
      // What kms's publisher does with the records of one turn: one message holding all of them.
      const projectId = dew.credentials.project_id;
      const publisher = new AuditPublisher(kms, (r) => subjects.auditRecord('kms', r.project_id));
      const record = (n: number): AuditRecord => ({
        trace_id: randomUUID(), trace_name: 'encryptData', trace_rating: 'normal', trace_type: 'ApiCall', service_type: 'KMS', resource_type: 'cmk',
        resource_id: keyId, resource_name: 'replay-batched', code: '200', user: { id: 'u', name: 'batched', domain: { id: dew.credentials.domain_id } },
        source_ip: '127.0.0.1', request: { key_id: keyId }, time: Date.now(), request_id: `batched-${n}`, api_version: 'v1.0', project_id: projectId,
      });
      await Promise.all(Array.from({ length: 5 }, (_, n) => publisher.record(record(n))));
      const results = await Promise.all(Array.from({ length: 20 }, () => api.kms('encrypt-data', { key_id: keyId, plain_text: marker('plaintext') })));
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      const perMessage: number[] = [];
      // Read as the replay reads (an ordered consumer): the replay user may not get messages one by one.
      const run = await startOrderedRun(jetstream(reader), 'AUDIT', { from: after + 1, until: (await jsm.streams.info('AUDIT')).state.last_seq, batch: 100 }, (m) => {
        perMessage.push(auditRecordsOf(new TextDecoder().decode(m.data)).length);
      });
      await run.reached;
      await run.stop();
      expect(perMessage[0]).toBe(5);
      expect(perMessage.reduce((a, b) => a + b, 0)).toBe(25);
      expect((await tracesOf(api, `resource_id=${keyId}&trace_name=encryptData&limit=100`, 25)).traces).toHaveLength(25);
    } finally {
      await kms.close();
      await reader.close();
    }
    const { code, out } = await runReplay();
    expect(out).toMatch(/\nidentical$/m);
    expect(code).toBe(0);
  });

  it('a trace altered in the live index: the replay names it as differing and as the first broken link of its chain, exit 1', async () => {
    const db = new Database(join(dew.dataDir, 'audit', 'traces.db'));
    // Layout 3 (docs/cts-traces.md): names are ids of `terms`, a UUID trace id its 16 bytes.
    const term = (text: string) => (db.prepare('SELECT id FROM terms WHERE text = ?').get(text) as { id: number }).id;
    const stored = db.prepare('SELECT t.trace_id AS id, s.text AS scope FROM traces t JOIN terms s ON s.id = t.scope WHERE t.trace_name = ? ORDER BY t.row LIMIT 1').get(term('disableKey')) as { id: Buffer; scope: string };
    db.prepare('UPDATE traces SET trace_name = ? WHERE trace_id = ?').run(term('createKey'), stored.id);
    db.close();
    const hex = stored.id.toString('hex');
    const row = { trace_id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, scope: stored.scope };
    const { code, out } = await runReplay();
    expect(code).toBe(1);
    expect(out).toContain(`${row.trace_id}: differs in trace_name`);
    expect(out).toContain(`chain ${row.scope}: first broken link at trace ${row.trace_id}: its content does not match its hash`);
    expect(out).toMatch(/\nDIFFERENT$/m);
  });
});

import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager, type StreamState } from '@nats-io/jetstream';
import { PROVISIONED_STREAMS } from '@dew/messaging';
import { DewSystem, marker, tracesOf, type AdminCredentialsFile, type SdkClient } from '@dew/testing';

const DAY = 86_400_000;
const S = '/v1/{project_id}/secrets';

interface Encrypted {
  readonly keyId: string;
  readonly plaintext: string;
  readonly cipherText: string;
}

let dew: DewSystem;
let api: SdkClient;
let credentials: AdminCredentialsFile;
/** The root key outside the data dir: wiping the data dir keeps it, as an operator keeps theirs. */
let keyDir: string;
let rootKeyEnv: Record<string, string>;
let work: string;

beforeAll(async () => {
  keyDir = mkdtempSync(join(tmpdir(), 'dew-backup-key-'));
  work = mkdtempSync(join(tmpdir(), 'dew-backup-'));
  rootKeyEnv = { DEW_ROOT_KEY_FILE: join(keyDir, 'root.key') };
  dew = await DewSystem.start({ rootKeyProvider: 'file', env: rootKeyEnv });
  credentials = dew.credentials;
  api = dew.client(credentials);
});
afterAll(async () => {
  await dew?.stop();
  rmSync(keyDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

async function streamStates(): Promise<Record<string, StreamState>> {
  const jsm = await jetstreamManager(await dew.connectNats('runner'));
  const states: Record<string, StreamState> = {};
  for (const name of PROVISIONED_STREAMS) states[name] = (await jsm.streams.info(name)).state;
  return states;
}

async function encrypted(alias: string): Promise<Encrypted> {
  const keyId = (await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: alias })).body.key_info.key_id;
  const plaintext = marker('plaintext');
  const enc = await api.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: plaintext });
  expect(enc.status).toBe(200);
  return { keyId, plaintext, cipherText: enc.body.cipher_text };
}

const versionOf = async (name: string, version: string) => (await api.call<{ version: { secret_string: string } }>('GET', `${S}/${name}/versions/${version}`)).body.version?.secret_string;
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('dew backup / dew restore (docs/backup.md)', () => {
  const kept: Encrypted[] = [];
  let destroyed: Encrypted;
  const secretValues: string[] = [];
  let before: Record<string, StreamState>;
  let traceIds: string[];
  let backupDir: string;

  it('backup of a running system with keys, ciphertexts, a destroyed key (an erased keyring entry), a secret of 3 versions and traces: every stream, exit 0, progress per stream, the root key only referenced', async () => {
    kept.push(await encrypted('backup-a'), await encrypted('backup-b'));
    destroyed = await encrypted('backup-doomed');
    expect((await api.kms('schedule-key-deletion', { key_id: destroyed.keyId, pending_days: '7' })).status).toBe(200);
    await dew.advanceClock('kms', 7 * DAY + 60_000);
    expect((await api.kms('decrypt-data', { cipher_text: destroyed.cipherText })).status).toBe(404);
    secretValues.push(marker('secret-value'), marker('secret-value'), marker('secret-value'));
    expect((await api.call('POST', S, { name: 'backed-up', secret_string: secretValues[0] })).status).toBe(200);
    for (const value of secretValues.slice(1)) expect((await api.call('POST', `${S}/backed-up/versions`, { secret_string: value })).status).toBe(200);
    traceIds = (await tracesOf(api, `resource_id=${kept[0]?.keyId}`, 2)).traces.map((t) => t.trace_id);
    expect(traceIds.length).toBeGreaterThanOrEqual(2);
    before = await streamStates();
    // The erasure left a gap inside KEYRING_KMS: the restore must keep it (sequences, not just messages).
    expect(before.KEYRING_KMS?.num_deleted).toBeGreaterThan(0);

    backupDir = join(work, 'backup');
    const { code, out } = await dew.cli(['backup', backupDir], rootKeyEnv);
    expect(out).toMatch(/backup complete: \d+ streams, \d+ messages/);
    expect(code).toBe(0);
    for (const name of PROVISIONED_STREAMS) expect(out).toMatch(new RegExp(`\\] ${name} +\\d+ messages`));
    expect(out).toContain('the root key is NOT in the backup');
    expect(existsSync(join(backupDir, 'root-key'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as { streams: { name: string; cut: StreamState }[]; rootKey: { provider: string; file: string } };
    expect(manifest.rootKey).toMatchObject({ provider: 'file', file: rootKeyEnv.DEW_ROOT_KEY_FILE });
    expect(JSON.stringify(manifest)).not.toContain(readFileSync(rootKeyEnv.DEW_ROOT_KEY_FILE ?? '').toString('base64'));
    // Each stream's cut is at least what it held before the backup began.
    for (const s of manifest.streams) expect(s.cut.last_seq).toBeGreaterThanOrEqual(before[s.name]?.last_seq ?? Infinity);
  });

  it('a backup with one byte flipped is refused (exit 3, "corrupt") and the empty data dir it was to fill stays as it was', async () => {
    const corrupt = join(work, 'corrupt');
    cpSync(backupDir, corrupt, { recursive: true });
    const file = join(corrupt, 'streams', 'EVT_KMS.snapshot');
    const bytes = readFileSync(file);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    writeFileSync(file, bytes);
    const target = join(work, 'empty-data');
    mkdirSync(target);
    const { code, out } = await dew.cli(['restore', corrupt], { ...rootKeyEnv, DEW_DATA_DIR: target });
    expect(out).toContain('streams/EVT_KMS.snapshot is corrupt');
    expect(out).toContain('nothing was changed');
    expect(code).toBe(3);
    expect(readdirSync(target)).toEqual([]);
  });

  it('a backup of another format version is refused (exit 3), even with a consistent manifest digest', async () => {
    const other = join(work, 'other-version');
    cpSync(backupDir, other, { recursive: true });
    const manifest = readFileSync(join(other, 'manifest.json'), 'utf8').replace('"formatVersion": 1', '"formatVersion": 2');
    writeFileSync(join(other, 'manifest.json'), manifest);
    writeFileSync(join(other, 'manifest.json.sha256'), `${createHash('sha256').update(manifest).digest('hex')}  manifest.json\n`);
    const target = join(work, 'never-made');
    const { code, out } = await dew.cli(['restore', other], { ...rootKeyEnv, DEW_DATA_DIR: target });
    expect(out).toContain('backup format version 2');
    expect(code).toBe(3);
    expect(existsSync(target)).toBe(false);
  });

  it('a restore with another root key configured is refused (exit 4: its canary does not unwrap) and leaves the empty data dir empty', async () => {
    const otherKey = join(work, 'other.key');
    writeFileSync(otherKey, randomBytes(32), { mode: 0o600 });
    const target = join(work, 'empty-for-other-key');
    mkdirSync(target);
    const { code, out } = await dew.cli(['restore', backupDir], { DEW_ROOT_KEY_FILE: otherKey, DEW_DATA_DIR: target });
    expect(out).toContain("it is not the backup's key");
    expect(code).toBe(4);
    expect(readdirSync(target)).toEqual([]);
  });

  it('--include-root-key: says loudly the backup holds the key; a restore puts the key file where DEW_ROOT_KEY_FILE says, byte for byte', async () => {
    const withKey = join(work, 'with-key');
    const taken = await dew.cli(['backup', withKey, '--include-root-key'], rootKeyEnv);
    expect(taken.out).toContain('WARNING: this backup CONTAINS THE ROOT KEY');
    expect(taken.code).toBe(0);
    expect(statSync(join(withKey, 'root-key', 'root.key')).mode & 0o077).toBe(0);
    const newKey = join(work, 'new-host', 'root.key');
    const target = join(work, 'new-host', 'data');
    const { code, out } = await dew.cli(['restore', withKey], { DEW_ROOT_KEY_FILE: newKey, DEW_DATA_DIR: target });
    expect(out).toMatch(/restore complete/);
    expect(code).toBe(0);
    expect(sha256(newKey)).toBe(sha256(rootKeyEnv.DEW_ROOT_KEY_FILE ?? ''));
  });

  it('a restore into the running system\'s (non-empty) data dir is refused (exit 4) and changes nothing', async () => {
    const users = sha256(join(dew.dataDir, 'nats', 'users.json'));
    const { code, out } = await dew.cli(['restore', backupDir], rootKeyEnv);
    expect(out).toMatch(/data dir .* is not empty/);
    expect(code).toBe(4);
    expect(sha256(join(dew.dataDir, 'nats', 'users.json'))).toBe(users);
  });

  it('after stopping DEW and wiping its data dir (root key kept): restore, start — same sequences, old ciphertexts decrypt, the destroyed key stays destroyed, every secret version reads, traces answer, replay identical', async () => {
    await dew.halt();
    // Stopped, the backup starts the data dir's nats-server alone: one consistent cut of everything.
    const offline = await dew.cli(['backup', join(work, 'offline')], rootKeyEnv);
    expect(offline.out).toContain('offline backup');
    expect(offline.code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'offline', 'manifest.json'), 'utf8'))).toMatchObject({ mode: 'offline' });
    rmSync(dew.dataDir, { recursive: true, force: true });
    const restored = await dew.cli(['restore', backupDir], rootKeyEnv);
    expect(restored.out).toMatch(/restore complete: \d+ streams, \d+ messages/);
    expect(restored.code).toBe(0);
    await dew.restart();

    const after = await streamStates();
    // KV buckets keep one revision a key: a lease renewed since has moved their first sequence on.
    for (const name of PROVISIONED_STREAMS.filter((n) => !n.startsWith('KV_') && (before[n]?.last_seq ?? 0) > 0)) {
      expect({ name, first: after[name]?.first_seq }).toEqual({ name, first: before[name]?.first_seq });
      expect(after[name]?.last_seq).toBeGreaterThanOrEqual(before[name]?.last_seq ?? Infinity);
    }
    expect(after.KEYRING_KMS?.num_deleted).toBe(before.KEYRING_KMS?.num_deleted);

    for (const e of kept) {
      const dec = await api.kms<{ plain_text: string }>('decrypt-data', { cipher_text: e.cipherText });
      expect({ status: dec.status, plain: dec.body.plain_text }).toEqual({ status: 200, plain: e.plaintext });
    }
    expect((await api.kms('decrypt-data', { cipher_text: destroyed.cipherText })).status).toBe(404);
    for (const [i, value] of secretValues.entries()) expect(await versionOf('backed-up', `v${i + 1}`)).toBe(value);
    expect(await versionOf('backed-up', 'latest')).toBe(secretValues.at(-1));
    // The trace index is rebuilt from the restored AUDIT and event streams: the same traces, same ids.
    const traces = await tracesOf(api, `resource_id=${kept[0]?.keyId}`, traceIds.length);
    expect(traces.traces.map((t) => t.trace_id)).toEqual(expect.arrayContaining(traceIds));
    // A new write lands after the restored sequences (expected-last-subject-sequence holds).
    const fresh = await encrypted('after-restore');
    expect((await api.kms<{ plain_text: string }>('decrypt-data', { cipher_text: fresh.cipherText })).body.plain_text).toBe(fresh.plaintext);

    const replay = await dew.cli(['replay']);
    expect(replay.out).toMatch(/\nidentical$/m);
    expect(replay.code).toBe(0);
  });
});

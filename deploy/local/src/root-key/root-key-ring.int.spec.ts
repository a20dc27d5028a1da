import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { ensureStream, JetStreamEventStore } from '@dew/event-store';
import { connectNats, streams } from '@dew/messaging';
import { findFreePort, renderNatsConfig, startNatsServer, type NatsServerProcess } from '@dew/nats-server';
import { executeOnRing, readRootKeyRing } from '@dew/root-key';
import { liveVersions, pendingHolders, ROOT_KEY_HOLDERS, type RootKeyRingEvent } from '@dew/root-key-domain';
import { loadOrCreatePasswords, natsUsers, passwordEnvVar } from '../nats-users.js';
import type { RunnerSettings } from '../settings.js';
import { migrateRootKey } from './migrate.js';
import { rootKeyStatus, rotateRootKey } from './rotate.js';

/**
 * `dew root-key rotate|status|migrate` and the ring's writers against a nats-server laid out as
 * `make run` lays it out (data dir, users.json, every service's NATS user and permissions).
 */
const HOST = '127.0.0.1';
const ADMIN = { user: 'test-admin', password: 'test-admin-password' };

let dataDir: string;
let port: number;
let server: NatsServerProcess | undefined;
let passwords: Readonly<Record<string, string>>;
const connections: NatsConnection[] = [];

const configPath = () => join(dataDir, 'nats', 'nats.conf');
const startServer = async () => {
  server = await startNatsServer({ configPath: configPath(), logFile: join(dataDir, 'nats.log') });
};
const stopServer = async () => {
  for (const nc of connections.splice(0)) await nc.close().catch(() => undefined);
  await server?.stop();
  server = undefined;
};
const connectAs = async (user: string): Promise<NatsConnection> => {
  const nc = await connectNats({ servers: `nats://${HOST}:${port}`, user, pass: user === ADMIN.user ? ADMIN.password : passwords[user], name: `ring-spec-${user}` });
  connections.push(nc);
  return nc;
};
const settings = (): RunnerSettings => ({ dataDir, natsHost: HOST, natsPort: port, natsBinary: 'nats-server', rootKeyFile: join(dataDir, 'root.key'), rootKey: { provider: 'file', file: join(dataDir, 'root.key') } }) as unknown as RunnerSettings;
const runnerEnv = () => ({ DEW_NATS_URL: `nats://${HOST}:${port}` });
const ring = async () => (await readRootKeyRing(new JetStreamEventStore(await connectAs(ADMIN.user)))).ring;

/** What a compromised or buggy holder's own NATS user can put on the ring without the decider. */
async function rawAppend(user: string, subject: string, events: readonly RootKeyRingEvent[]): Promise<'stored' | 'refused'> {
  const js = jetstream(await connectAs(user));
  try {
    await js.publish(subject, JSON.stringify({ events }), { timeout: 1500 });
    return 'stored';
  } catch {
    return 'refused';
  }
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dew-root-key-ring-'));
  mkdirSync(join(dataDir, 'nats'), { recursive: true });
  mkdirSync(join(dataDir, 'logs'));
  port = await findFreePort(HOST);
  const services = [...ROOT_KEY_HOLDERS, 'audit'];
  passwords = loadOrCreatePasswords(join(dataDir, 'nats', 'users.json'), ['gateway', 'runner', 'replay', 'backup', ...services.flatMap((s) => [s, `${s}-streams`])]);
  const users = [ADMIN, ...natsUsers(services, passwords)];
  writeFileSync(configPath(), renderNatsConfig({ host: HOST, port, storeDir: join(dataDir, 'nats', 'store'), users }));
  writeFileSync(join(dataDir, 'root.key'), Buffer.alloc(32, 1), { mode: 0o600 });
  await startServer();
  const admin = await connectAs(ADMIN.user);
  await ensureStream(await jetstreamManager(admin), { name: streams.rootKey.name, subjects: [...streams.rootKey.subjects] });
});

afterEach(async () => {
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('dew root-key rotate and status', () => {
  it('a second rotate while version 1 is still live → refused naming the live versions; no version 3 key, the ring unchanged', async () => {
    expect(await rotateRootKey(settings(), runnerEnv(), { wait: false, timeoutMs: 1000 }, () => undefined)).toBe(2);
    const before = await ring();
    await expect(rotateRootKey(settings(), runnerEnv(), { wait: false, timeoutMs: 1000 }, () => undefined)).rejects.toThrow(
      'a root key rotation is still in progress: versions 1, 2 are live',
    );
    expect(existsSync(join(dataDir, 'root.key.v2'))).toBe(true);
    expect(existsSync(join(dataDir, 'root.key.v3'))).toBe(false);
    expect(await ring()).toEqual(before);
    const status = await rootKeyStatus(settings(), runnerEnv());
    expect(status).toEqual(expect.arrayContaining(['current version: 2 (file)', 'live versions:   1, 2', 'keys held:       1, 2', 'rotation to version 2 in progress:']));
    expect(status.filter((l) => l.includes('pending (re-wrapped to version 1)'))).toHaveLength(ROOT_KEY_HOLDERS.length);
  });
});

describe('dew root-key migrate', () => {
  it('while a rotation is in progress → refused naming the live versions, before any key is opened or blob touched', async () => {
    await rotateRootKey(settings(), runnerEnv(), { wait: false, timeoutMs: 1000 }, () => undefined);
    await stopServer();
    const env = { [passwordEnvVar('runner')]: passwords.runner, DEW_PKCS11_MODULE: '/nonexistent/libsofthsm2.so', DEW_PKCS11_TOKEN_LABEL: 'never-opened', DEW_PKCS11_PIN: '1234' };
    await expect(migrateRootKey(settings(), env, { to: 'pkcs11', limit: 10 }, { start: () => undefined, tick: () => undefined, done: () => undefined })).rejects.toThrow(
      'a root key rotation is in progress (live versions 1, 2); start DEW, let it finish (dew root-key status), then migrate',
    );
  });
});

describe('the root key ring: who may write what', () => {
  const report = (holder: string, version = 2): RootKeyRingEvent => ({ type: 'RootKeyRewrapCompleted', holder: holder as 'iam', version, rewrapped: 0, at: 1 });

  beforeEach(async () => {
    await rotateRootKey(settings(), runnerEnv(), { wait: false, timeoutMs: 1000 }, () => undefined);
  });

  it("kms's NATS users forging iam's report (on any ring subject) → iam stays pending, version 1 stays live", async () => {
    for (const user of ['kms', 'kms-streams']) {
      for (const subject of ['rootkey.events', 'rootkey.events.kms', 'rootkey.events.iam']) await rawAppend(user, subject, [report('iam')]);
    }
    const r = await ring();
    expect(pendingHolders(r)).toContain('iam');
    expect(liveVersions(r)).toEqual([1, 2]);
  });

  it("kms's NATS user appending a RootKeyVersionRetired while holders are pending → version 1 stays live", async () => {
    for (const subject of ['rootkey.events', 'rootkey.events.kms']) await rawAppend('kms-streams', subject, [report('kms'), { type: 'RootKeyVersionRetired', version: 1, at: 1 }]);
    expect(liveVersions(await ring())).toEqual([1, 2]);
  });

  it('a holder cannot start a rotation; gateway and audit cannot write the ring at all', async () => {
    await expect(executeOnRing(new JetStreamEventStore(await connectAs('kms-streams')), { type: 'CompleteRootKeyRewrap', holder: 'kms', version: 2, rewrapped: 0, now: 1 }, 'dew-kms')).resolves.toHaveLength(1);
    const created: RootKeyRingEvent = { type: 'RootKeyVersionCreated', version: 3, provider: 'file', at: 1, by: 'kms' };
    for (const subject of ['rootkey.events', 'rootkey.events.kms']) await rawAppend('kms-streams', subject, [created]);
    for (const user of ['gateway', 'audit', 'audit-streams']) expect(await rawAppend(user, 'rootkey.events', [report('iam')])).toBe('refused');
    const r = await ring();
    expect(r.current).toBe(2);
    expect(pendingHolders(r)).not.toContain('kms');
  });

  it('every holder reporting through its own NATS user → the last report retires version 1', async () => {
    for (const holder of ROOT_KEY_HOLDERS) {
      await executeOnRing(new JetStreamEventStore(await connectAs(`${holder}-streams`)), { type: 'CompleteRootKeyRewrap', holder, version: 2, rewrapped: 0, now: 1 }, `dew-${holder}`);
    }
    const r = await ring();
    expect(pendingHolders(r)).toEqual([]);
    expect(liveVersions(r)).toEqual([2]);
  });
});

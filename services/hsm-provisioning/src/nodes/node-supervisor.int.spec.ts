import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { decide, evolve, initialHsmSet, INSTALL_MS, CREATION_MS, requireInstance, type HsmSet, type HsmSetCommand } from '@dew/hsm-domain';
import { StaticRootKey } from '@dew/crypto';
import { HsmAdminClient, HsmClient } from '@dew/hsm-client';
import { kvBuckets } from '@dew/messaging';
import { startTestNats, type TestNats } from '@dew/testing';
import { Audit, Clock, serviceSettingsFromEnv } from '@dew/nest-kit';
import type { HsmInstanceSets } from '../instances/instance-sets.js';
import { HsmProvisioningConfig } from '../provisioning-config.js';
import { ApplianceReports } from '../control/appliance-reports.js';
import { NodeControl } from '../control/node-control.js';
import { HSM_APPLICATION_PORT } from './node-launcher.js';
import { NodePins } from './node-pins.js';
import { NodeSupervisor } from './node-supervisor.js';
import { ProcessNodeLauncher } from './process-node-launcher.js';
import { SealedFiles } from './sealed-files.js';
import { ukeyFingerprint } from '../ukey/ukey-vault.js';

/**
 * The supervisor with the real process launcher, and a stand-in for the node program: a few
 * lines of node that record their start (pid, environment and what came on stdin) and their
 * SIGTERM. Honest here because this spec tests process supervision, not the appliance.
 */
const STAND_IN = `
import { appendFileSync } from 'node:fs';
const log = (event) => appendFileSync(process.env.HSM_DATA_DIR + '/stand-in.jsonl', JSON.stringify({ ...event, pid: process.pid }) + '\\n');
let stdin = '';
for await (const chunk of process.stdin) stdin += chunk;
log({ event: 'started', env: process.env, stdin });
process.on('SIGTERM', () => { log({ event: 'stopped' }); process.exit(0); });
setInterval(() => undefined, 1 << 30);
`;
/** A node that ignores SIGTERM: the supervisor must SIGKILL it after the grace period. */
const STUBBORN = `
import { appendFileSync } from 'node:fs';
appendFileSync(process.env.HSM_DATA_DIR + '/stand-in.jsonl', JSON.stringify({ event: 'started', pid: process.pid, env: {} }) + '\\n');
process.on('SIGTERM', () => undefined);
setInterval(() => undefined, 1 << 30);
`;

const PROJECT = '0123456789abcdef0123456789abcdef';
const INSTANCE = '00000001-0000-4000-8000-000000000000';
const T0 = Date.UTC(2026, 0, 31);
const DAY = 86_400_000;

interface Record_ { readonly event: 'started' | 'stopped'; readonly pid: number; readonly env?: Record<string, string>; readonly stdin?: string }

/**
 * The instance set in memory, decided by the real hsm-domain: the two reads the supervisor makes
 * of HsmInstanceSets (`all`, `execute`), without the event store behind them.
 */
class InMemorySets {
  state: HsmSet = initialHsmSet(PROJECT);
  *all(): IterableIterator<HsmSet> {
    yield this.state;
  }
  async execute(_ctx: unknown, command: HsmSetCommand): Promise<{ state: HsmSet }> {
    this.apply(command);
    return { state: this.state };
  }
  apply(...commands: readonly HsmSetCommand[]): void {
    for (const command of commands) this.state = decide(this.state, command).reduce(evolve, this.state);
  }
  status(): string {
    return requireInstance(this.state, INSTANCE).status;
  }
}

/** Purchased, installed, activated (one month, no auto-renewal) and given its addresses: Running. */
function runningSet(): InMemorySets {
  const sets = new InMemorySets();
  sets.apply(
    { type: 'CreateHsmInstance', instanceId: INSTANCE, orderId: 'CS1', region: 'dew-local-1', contact: 'ukey@example.com', now: T0 },
    { type: 'CompleteHsmInstall', instanceId: INSTANCE, now: T0 + INSTALL_MS },
    {
      type: 'ActivateHsmInstance', instanceId: INSTANCE, az: 'dew-local-1a', name: 'supervised', hsmType: 'Finance', vpcId: 'vpc-1', subnetId: 'subnet-1',
      securityGroupId: 'sg-1', durationMonths: 1, autoRenew: false, subnetHosts: 253, prefixesElsewhere: new Set(), ukey: UKEY, now: T0 + INSTALL_MS,
    },
    { type: 'AllocateHsmNodes', instanceId: INSTANCE, now: T0 + INSTALL_MS + CREATION_MS },
  );
  return sets;
}

/** The UKey provisioning would have issued at activation; the test keeps its private half. */
const UKEY_PAIR = generateKeyPairSync('ed25519');
const UKEY = (() => {
  const publicKey = UKEY_PAIR.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { publicKey, fingerprint: ukeyFingerprint(publicKey) };
})();
/** One root key for the whole file: a restarted service keeps its root key. */
const root = new StaticRootKey(randomBytes(32), 'test');

let scratch: string;
/** The NATS the control plane works on (the service's streams connection in production). */
let nats: TestNats;
let nc: NatsConnection;
/** The audit trail the nodes' calls are stored in, on the test NATS (an AUDIT stream of its own). */
let audit: Audit;
const settings = serviceSettingsFromEnv('hsm-provisioning', {});
const supervisors: { supervisor: NodeSupervisor; control: NodeControl }[] = [];

beforeAll(async () => {
  nats = await startTestNats();
  nc = await nats.connect();
  audit = new Audit(nc, settings, new Clock(settings));
  await audit.onModuleInit();
});

afterAll(async () => {
  await nats?.stop();
});

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'dew-hsm-supervisor-'));
  writeFileSync(join(scratch, 'stand-in.mjs'), STAND_IN);
  writeFileSync(join(scratch, 'stubborn.mjs'), STUBBORN);
});
afterEach(async () => {
  for (const s of supervisors.splice(0)) {
    await s.supervisor.onModuleDestroy();
    s.control.onModuleDestroy();
  }
  rmSync(scratch, { recursive: true, force: true });
});

function supervisor(sets: InMemorySets, program = 'stand-in.mjs'): NodeSupervisor {
  const config = new HsmProvisioningConfig(253, isAbsolute(program) ? program : join(scratch, program), true, join(scratch, 'data'), 0);
  const log = pino({ level: 'silent' });
  const files = new SealedFiles(config, root);
  const control = new NodeControl(config, files, nc, log, new ApplianceReports(sets as unknown as HsmInstanceSets, audit));
  const s = new NodeSupervisor(sets as unknown as HsmInstanceSets, new ProcessNodeLauncher(config, new NodePins(files), control, log), config, files, new Clock(settings), log);
  supervisors.push({ supervisor: s, control });
  return s;
}

/** What a stand-in read on its stdin: the launch secrets, one JSON line. */
const secretsOf = (r: Record_ | undefined) => JSON.parse(r?.stdin ?? '{}') as Record<string, string>;

const nodeDir = (node: 'a' | 'b') => join(scratch, 'data', 'hsm', INSTANCE, node);
/** The complete lines a stand-in appended: a line still being written (no newline yet) is not read. */
function records(node: 'a' | 'b'): Record_[] {
  const file = join(nodeDir(node), 'stand-in.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').slice(0, -1).map((l) => JSON.parse(l) as Record_);
}
async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error(`timed out waiting until ${what}`);
}
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
/** The pids the stand-ins of both nodes recorded as started, once both have. */
async function startedPids(count = 1): Promise<number[]> {
  await until(`both nodes recorded ${count} start(s)`, () => records('a').filter((r) => r.event === 'started').length >= count && records('b').filter((r) => r.event === 'started').length >= count);
  return (['a', 'b'] as const).map((n) => records(n).filter((r) => r.event === 'started').at(-1)?.pid ?? 0);
}

describe('NodeSupervisor with the process launcher and a stand-in node program', () => {
  it('a Running instance gets two node processes, each with exactly the HSM_* environment hsm-node reads (nothing secret) and its own 0700 data dir', async () => {
    const sets = runningSet();
    const s = supervisor(sets);
    await s.reconcile();
    const pids = await startedPids();
    expect(s.nodesOf(INSTANCE).map((n) => n.pid)).toEqual(pids);
    expect(pids.every(alive)).toBe(true);

    const addresses = requireInstance(sets.state, INSTANCE).addresses;
    const envOf = (node: 'a' | 'b') => Object.fromEntries(Object.entries(records(node)[0]?.env ?? {}).filter(([k]) => k !== 'PATH'));
    const [a, b] = [envOf('a'), envOf('b')];
    const expected = (nodeId: 'a' | 'b', address: string | undefined) => ({
      HSM_INSTANCE_ID: INSTANCE, HSM_NODE_ID: nodeId, HSM_NODE_ADDRESS: address, HSM_FLOATING_ADDRESS: addresses?.floating, HSM_PORT: String(HSM_APPLICATION_PORT),
      HSM_DATA_DIR: nodeDir(nodeId), HSM_UKEY_PUBLIC_KEY: UKEY.publicKey, HSM_CONTROL_ADDRESS: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
    });
    expect(a).toEqual(expected('a', addresses?.nodeA));
    expect(b).toEqual(expected('b', addresses?.nodeB));
    expect(new Set([a['HSM_NODE_ADDRESS'], b['HSM_NODE_ADDRESS'], a['HSM_FLOATING_ADDRESS']]).size).toBe(3);
    expect(b['HSM_CONTROL_ADDRESS']).toBe(a['HSM_CONTROL_ADDRESS']);
    expect(statSync(nodeDir('a')).mode & 0o777).toBe(0o700);
    expect(statSync(nodeDir('b')).mode & 0o777).toBe(0o700);

    await s.reconcile();
    expect(records('a').filter((r) => r.event === 'started')).toHaveLength(1);
  });

  it('each node reads the four distinct PINs of its two tokens and a control certificate naming it (with its key and the control CA) on stdin, none of it in its environment', async () => {
    const s = supervisor(runningSet());
    await s.reconcile();
    await startedPids();
    for (const node of ['a', 'b'] as const) {
      const started = records(node)[0];
      const secrets = secretsOf(started);
      expect(Object.keys(secrets).sort()).toEqual(['controlCa', 'controlCert', 'controlKey', 'soPin', 'systemPin', 'systemSoPin', 'tokenPin']);
      const pins = [secrets['tokenPin'], secrets['soPin'], secrets['systemPin'], secrets['systemSoPin']];
      for (const pin of pins) expect(pin).toMatch(/^.{16,}$/);
      expect(new Set(pins).size).toBe(4);
      const cert = new X509Certificate(secrets['controlCert'] ?? '');
      const ca = new X509Certificate(secrets['controlCa'] ?? '');
      expect(cert.subject).toContain(`CN=hsm-node:${INSTANCE}:${node}`);
      expect(cert.checkIssued(ca) && cert.verify(ca.publicKey)).toBe(true);
      expect(cert.checkPrivateKey(createPrivateKey(secrets['controlKey'] ?? ''))).toBe(true);
      const env = Object.values(started?.env ?? {}).join('\n');
      for (const secret of [...pins, secrets['controlKey']]) expect(env.includes(secret ?? 'missing')).toBe(false);
    }
    expect(secretsOf(records('b')[0])['tokenPin']).toBe(secretsOf(records('a')[0])['tokenPin']);
    expect(secretsOf(records('b')[0])['systemPin']).toBe(secretsOf(records('a')[0])['systemPin']);
    const sealedCa = join(scratch, 'data', 'hsm', 'control-ca.sealed');
    expect(statSync(sealedCa).mode & 0o777).toBe(0o600);
    expect(readFileSync(sealedCa).includes(Buffer.from('PRIVATE KEY'))).toBe(false);
  });

  it('a PINs file of the single-token layout keeps its two PINs and gains the system token\'s two, kept from then on', async () => {
    const files = new SealedFiles(new HsmProvisioningConfig(253, join(scratch, 'stand-in.mjs'), true, join(scratch, 'data'), 0), root);
    const old = { tokenPin: randomBytes(18).toString('base64url'), soPin: randomBytes(18).toString('base64url') };
    await files.write([INSTANCE, 'pins'], Buffer.from(JSON.stringify(old)));
    const pins = await new NodePins(files).of(INSTANCE);
    expect(pins).toMatchObject(old);
    expect(pins.systemPin).toMatch(/^.{16,}$/);
    expect(new Set(Object.values(pins)).size).toBe(4);
    expect(await new NodePins(files).of(INSTANCE)).toEqual(pins);
  });

  it('the token PINs are the same after a restart of the service, and the file keeping them holds neither PIN in clear', async () => {
    const sets = runningSet();
    const before = supervisor(sets);
    await before.reconcile();
    await startedPids();
    await before.onModuleDestroy();
    const after = supervisor(sets);
    await after.reconcile();
    await startedPids(2);
    const starts = records('a').filter((r) => r.event === 'started');
    const pins = (r: Record_ | undefined) => ['tokenPin', 'soPin', 'systemPin', 'systemSoPin'].map((name) => secretsOf(r)[name]);
    expect(pins(starts[1])).toEqual(pins(starts[0]));
    // The control CA is kept sealed too: the restarted service issues under the same one.
    expect(secretsOf(starts[1])['controlCa']).toBe(secretsOf(starts[0])['controlCa']);
    const sealed = readFileSync(join(scratch, 'data', 'hsm', INSTANCE, 'pins.sealed'));
    expect(statSync(join(scratch, 'data', 'hsm', INSTANCE, 'pins.sealed')).mode & 0o777).toBe(0o600);
    for (const pin of pins(starts[0])) expect(sealed.includes(Buffer.from(pin ?? 'missing'))).toBe(false);
  });

  it('a Frozen instance has its nodes stopped with SIGTERM; renewal runs two new processes', async () => {
    const sets = runningSet();
    const s = supervisor(sets);
    await s.reconcile();
    const first = await startedPids();

    sets.apply({ type: 'ExpireHsmInstance', instanceId: INSTANCE, now: T0 + 32 * DAY });
    expect(sets.status()).toBe('Frozen');
    await s.reconcile();
    expect(first.some(alive)).toBe(false);
    expect(records('a').map((r) => r.event)).toEqual(['started', 'stopped']);
    expect(records('b').map((r) => r.event)).toEqual(['started', 'stopped']);
    expect(s.nodesOf(INSTANCE)).toEqual([]);

    sets.apply({ type: 'RenewHsmInstance', instanceId: INSTANCE, months: 1, now: T0 + 33 * DAY });
    await s.reconcile();
    const second = await startedPids(2);
    expect(second.every(alive)).toBe(true);
    expect(second.filter((pid) => first.includes(pid))).toEqual([]);
  });

  it('a deleted instance has its nodes stopped', async () => {
    const sets = runningSet();
    const s = supervisor(sets);
    await s.reconcile();
    const pids = await startedPids();
    sets.apply({ type: 'DeleteHsmInstance', instanceId: INSTANCE, now: T0 + DAY });
    await s.reconcile();
    expect(pids.some(alive)).toBe(false);
    expect(records('a').at(-1)?.event).toBe('stopped');
    expect(s.nodesOf(INSTANCE)).toEqual([]);
  });

  it('a stopping service stops its nodes; at the next boot a new supervisor starts the nodes of the Running instance again', async () => {
    const sets = runningSet();
    const before = supervisor(sets);
    await before.reconcile();
    const first = await startedPids();
    await before.onModuleDestroy();
    expect(first.some(alive)).toBe(false);

    const after = supervisor(sets);
    await after.reconcile();
    const second = await startedPids(2);
    expect(second.every(alive)).toBe(true);
    expect(after.nodesOf(INSTANCE).map((n) => n.pid)).toEqual(second);
  });

  it('a node killed with SIGKILL is restarted (a new process with the same environment) and counted; the other node is left alone', async () => {
    const sets = runningSet();
    const s = supervisor(sets);
    await s.reconcile();
    const [a = 0, b = 0] = await startedPids();
    process.kill(a, 'SIGKILL');
    await until('node a was started again', () => records('a').filter((r) => r.event === 'started').length === 2);
    const restarted = records('a').filter((r) => r.event === 'started');
    expect(restarted[1]?.pid).not.toBe(a);
    expect(restarted[1]?.env).toEqual(restarted[0]?.env);
    await until('the supervisor lists the new process', () => s.nodesOf(INSTANCE)[0]?.pid === restarted[1]?.pid);
    expect(s.nodesOf(INSTANCE).map((n) => n.pid)).toEqual([restarted[1]?.pid, b]);
    expect(alive(b)).toBe(true);
    expect(records('b').filter((r) => r.event === 'started')).toHaveLength(1);
    expect([s.recentRestarts(INSTANCE, 'a'), s.recentRestarts(INSTANCE, 'b')]).toEqual([1, 0]);
  });

  it('nodes stopped on purpose (Frozen, service stopping) are not restarted', async () => {
    const sets = runningSet();
    const s = supervisor(sets);
    await s.reconcile();
    await startedPids();
    sets.apply({ type: 'ExpireHsmInstance', instanceId: INSTANCE, now: T0 + 32 * DAY });
    await s.reconcile();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(records('a').filter((r) => r.event === 'started')).toHaveLength(1);
    expect(s.nodesOf(INSTANCE)).toEqual([]);
    expect(s.recentRestarts(INSTANCE, 'a')).toBe(0);
  });

  it('a node that ignores SIGTERM is killed after the 5-second grace', async () => {
    const sets = runningSet();
    const s = supervisor(sets, 'stubborn.mjs');
    await s.reconcile();
    const pids = await startedPids();
    const exits = s.nodesOf(INSTANCE).map((n) => n.exited);
    const begun = Date.now();
    sets.apply({ type: 'DeleteHsmInstance', instanceId: INSTANCE, now: T0 + DAY });
    await s.reconcile();
    expect(Date.now() - begun).toBeGreaterThanOrEqual(4_900);
    expect(pids.some(alive)).toBe(false);
    expect(await Promise.all(exits)).toEqual([null, null]);
  });

  it('a node program that does not exist fails the creation with the cause "node A did not start", and nothing runs', async () => {
    const sets = runningSet();
    const s = supervisor(sets, 'no-such-node.mjs');
    await s.reconcile();
    const instance = requireInstance(sets.state, INSTANCE);
    expect(instance.status).toBe('Creation failed');
    expect(instance.failureCause).toMatch(/^node A did not start: the node program .*no-such-node\.mjs does not exist$/);
    expect(s.nodesOf(INSTANCE)).toEqual([]);
  });
});

/** The built appliance (services/hsm-node), as the service launches it by default. */
const NODE_MAIN = fileURLToPath(new URL('../../../hsm-node/dist/main.js', import.meta.url));

describe('NodeSupervisor launching the real hsm-node program, its control plane on a test NATS (the nodes hold no NATS credentials)', () => {
  it('the nodes start from the handed-out environment and stdin, serve the SDK on the floating address, stop when Frozen and serve the same key again after renewal', async () => {
    const sets = runningSet();
    const s = supervisor(sets, NODE_MAIN);
    await s.reconcile();
    const floating = requireInstance(sets.state, INSTANCE).addresses?.floating ?? '';

    // The first active node stores the CA it made in the state bucket, through the control plane.
    const published = async (): Promise<Buffer | undefined> => {
      const e = await (await new Kvm(nc).open(kvBuckets.hsmState.name)).get(`${INSTANCE}.ca`).catch(() => null);
      return e?.operation === 'PUT' ? Buffer.from(e.string()) : undefined;
    };
    let ca: Buffer | undefined;
    for (let i = 0; i < 300 && !ca; i++) ca = (await published()) ?? (await new Promise<undefined>((r) => setTimeout(() => r(undefined), 100)));
    if (!ca) throw new Error('no node became active and published the instance CA within 30 s');

    // Only the UKey issued at activation initialises the instance; another, signed by its own key, is refused.
    const stranger = generateKeyPairSync('ed25519');
    const intruder = new HsmAdminClient(`${floating}:${HSM_APPLICATION_PORT + 1}`, ca, INSTANCE, stranger.privateKey);
    await expect(intruder.initialize(stranger.publicKey.export({ type: 'spki', format: 'pem' }).toString())).rejects.toThrow('not the UKey issued for the instance');
    intruder.close();
    const admin = new HsmAdminClient(`${floating}:${HSM_APPLICATION_PORT + 1}`, ca, INSTANCE, UKEY_PAIR.privateKey);
    await admin.initialize(UKEY.publicKey);
    const clientKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const issued = await admin.issueCertificate('supervised-app', clientKey.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    admin.close();
    const client = new HsmClient({
      instances: [{ name: INSTANCE, address: `${floating}:${HSM_APPLICATION_PORT}`, ca, cert: Buffer.from(issued.certificate), key: Buffer.from(clientKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) }],
      retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
    });
    try {
      const key = await client.generateKey('AES_256', 'supervised');
      const message = Buffer.from('data under the supervised instance');
      const { iv, ciphertext } = await client.encrypt(key.keyId, message);
      expect(ciphertext.includes(message)).toBe(false);
      expect(await client.decrypt(key.keyId, iv, ciphertext)).toEqual(message);

      sets.apply({ type: 'ExpireHsmInstance', instanceId: INSTANCE, now: T0 + 32 * DAY });
      await s.reconcile();
      expect(s.nodesOf(INSTANCE)).toEqual([]);
      await expect(client.decrypt(key.keyId, iv, ciphertext)).rejects.toThrow();

      sets.apply({ type: 'RenewHsmInstance', instanceId: INSTANCE, months: 1, now: T0 + 33 * DAY });
      await s.reconcile();
      expect(s.nodesOf(INSTANCE)).toHaveLength(2);
      // The restarted nodes open their tokens with the PINs unsealed again: the key is still there.
      let decrypted: Buffer | undefined;
      for (let i = 0; i < 100 && !decrypted; i++) decrypted = await client.decrypt(key.keyId, iv, ciphertext).catch(() => new Promise<undefined>((r) => setTimeout(() => r(undefined), 200)));
      expect(decrypted).toEqual(message);
    } finally {
      client.close();
    }
  }, 60_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Kvm } from '@nats-io/kv';
import { HsmAdminClient, HsmClient } from '@dew/hsm-client';
import { ControlCa, ControlPlane, type CallRecord, type NodeLaunchSecrets } from '@dew/hsm-control';
import { kvBuckets } from '@dew/messaging';
import { startAll, type Started, type TestNats } from '@dew/testing';
import { findFreePort } from '@dew/nats-server';

const MAIN = new URL('../dist/main.js', import.meta.url).pathname;

/** The user PIN of every test application token (the `tokenPin` each node reads on stdin). */
export const TEST_USER_PIN = 'test-user-pin';
/** The user PIN of every test system token (`systemPin`): never handed out by the node. */
export const TEST_SYSTEM_PIN = 'test-system-pin';

export interface NodeProcess {
  readonly id: 'a' | 'b';
  child: ChildProcess;
  readonly events: { event: string; at: number; [k: string]: unknown }[];
  /** The first event line named `event` since `since` (and matching `match`, when given). */
  waitFor(event: string, since?: number, timeoutMs?: number, match?: (e: Record<string, unknown>) => boolean): Promise<{ at: number; [k: string]: unknown }>;
}

export interface Appliance {
  readonly instanceId: string;
  readonly floating: string;
  readonly port: number;
  readonly adminPort: number;
  readonly pkcs11Port: number;
  readonly nodes: Record<'a' | 'b', NodeProcess>;
  readonly ukey: { privateKey: KeyObject; publicPem: string };
  /** Every call record the nodes stored through the control plane (docs/hsm.md, "Traces"), in order. */
  readonly calls: { readonly nodeId: string; readonly record: CallRecord }[];
  /** The first call record matching `match`, once stored. */
  waitForCall(match: (r: CallRecord) => boolean, timeoutMs?: number): Promise<CallRecord>;
  /** The node's data directory (its SoftHSM configuration is `softhsm2.conf` there). */
  dataDir(id: 'a' | 'b'): string;
  active(): NodeProcess;
  caPem(): Promise<Buffer>;
  admin(): Promise<HsmAdminClient>;
  /** Initialises the instance and issues a client certificate; returns an SDK client over it. */
  clientFor(name: string): Promise<{ client: HsmClient; serial: string; cert: Buffer; key: Buffer }>;
  /** KMS's client for a key store: a `dew-kms:<keystoreId>` certificate relayed through the control plane, as KMS gets it. */
  kmsClientFor(keystoreId: string): Promise<HsmClient>;
  startNode(id: 'a' | 'b'): NodeProcess;
  stop(): Promise<void>;
}

export interface ApplianceOptions {
  /** The control plane's address as the nodes are given it (e.g. through a relay the test controls). */
  readonly controlAddress?: (actual: string) => Promise<string>;
}

/** What a test node reads on its stdin: the test PINs and a control certificate for it. */
export function testSecrets(controlCa: ControlCa, instanceId: string, nodeId: 'a' | 'b'): NodeLaunchSecrets {
  const credentials = controlCa.issueNode({ instanceId, nodeId });
  return {
    tokenPin: TEST_USER_PIN, soPin: 'test-so-pin', systemPin: TEST_SYSTEM_PIN, systemSoPin: 'test-system-so-pin',
    controlCa: controlCa.certPem, controlCert: credentials.cert, controlKey: credentials.key,
  };
}

// Each Jest worker process takes loopback subnets of its own, so parallel spec files never share a floating address.
let subnet = 40 + (process.pid % 50) * 4;

/**
 * Two hsm-node processes (built dist) on a loopback subnet of their own, with a control plane of
 * their own in this process on the test NATS (as hsm-provisioning serves it): each node gets its
 * control certificate and PINs on stdin.
 */
export function startAppliance(nats: TestNats, instanceId: string, options: ApplianceOptions = {}): Promise<Appliance> {
  return startAll((started) => buildAppliance(nats, instanceId, options, started));
}

async function killNodes(nodes: Record<'a' | 'b', NodeProcess>): Promise<void> {
  const running = Object.values(nodes).filter((n) => n.child.exitCode === null && n.child.signalCode === null);
  await Promise.all(running.map((n) => new Promise((exited) => { n.child.once('exit', exited); n.child.kill('SIGKILL'); })));
}

async function buildAppliance(nats: TestNats, instanceId: string, options: ApplianceOptions, started: Started): Promise<Appliance> {
  const dir = started(await mkdtemp(join(tmpdir(), 'dew-hsm-')), (d) => rm(d, { recursive: true, force: true }));
  const net = `127.31.${subnet++}`;
  const floating = `${net}.12`;
  const port = await findFreePort('127.0.0.1');
  const adminPort = await findFreePort('127.0.0.1');
  const pkcs11Port = await findFreePort('127.0.0.1');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const ukey = { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  const nc = started(await nats.connect(), (c) => c.close());
  const controlCa = ControlCa.create();
  const calls: Appliance['calls'] = [];
  const control = new ControlPlane(nc, undefined, {
    health: () => undefined,
    call: async (node, record) => void calls.push({ nodeId: node.nodeId, record }),
  });
  started(control, (c) => c.stop());
  const controlPort = await control.listen('127.0.0.1', 0, { ca: controlCa.certPem, ...controlCa.issueServer(['127.0.0.1']) });
  const controlAddress = await (options.controlAddress ?? (async (a) => a))(`127.0.0.1:${controlPort}`);

  const startNode = (id: 'a' | 'b'): NodeProcess => {
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env['PATH'], HSM_INSTANCE_ID: instanceId, HSM_NODE_ID: id, HSM_NODE_ADDRESS: `${net}.${id === 'a' ? 10 : 11}`,
        HSM_FLOATING_ADDRESS: floating, HSM_PORT: String(port), HSM_ADMIN_PORT: String(adminPort), HSM_PKCS11_PORT: String(pkcs11Port), HSM_DATA_DIR: join(dir, id),
        HSM_CONTROL_ADDRESS: controlAddress, HSM_UKEY_PUBLIC_KEY: ukey.publicPem, HSM_LEASE_TTL_MS: '1500',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin!.end(`${JSON.stringify(testSecrets(controlCa, instanceId, id))}\n`);
    const events: NodeProcess['events'] = [];
    const waiters: (() => void)[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        events.push({ ...(JSON.parse(line) as { event: string }), at: Date.now() });
        if (process.env['HSM_TEST_VERBOSE']) process.stderr.write(`node ${id}: ${line}\n`);
        for (const w of waiters.splice(0)) w();
      } catch { /* not an event line */ }
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    return {
      id, child, events,
      waitFor(event, since = 0, timeoutMs = 20_000, match = () => true) {
        return new Promise((resolve, reject) => {
          // The node's last event lines say why (a pkcs11-failed reason, say); they never carry key material.
          const seen = () => events.slice(-12).map(({ at: _at, ...e }) => JSON.stringify(e)).join('\n');
          const timer = setTimeout(() => reject(new Error(`node ${id}: no ${event} within ${timeoutMs} ms; last events:\n${seen()}\nstderr: ${stderr.slice(-2000)}`)), timeoutMs);
          // A wait nobody needs any more (the other node won a race) must not keep Jest alive.
          timer.unref();
          const check = (): void => {
            const e = events.find((x) => x.event === event && x.at >= since && match(x));
            if (e) { clearTimeout(timer); resolve(e); } else waiters.push(check);
          };
          check();
        });
      },
    };
  };

  const nodes = started({ a: startNode('a'), b: startNode('b') }, killNodes);
  // The control plane created the shared buckets before any node started.
  const kv = await new Kvm(nc).open(kvBuckets.hsmState.name);
  const caPem = async (): Promise<Buffer> => {
    // Bounded: a wait without end would hang the suite instead of failing it.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      const e = await kv.get(`${instanceId}.ca`);
      if (e?.operation === 'PUT') return Buffer.from(e.string());
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no instance CA of ${instanceId} within 30 s; node a's last events: ${JSON.stringify(nodes.a.events.slice(-5))}; node b's: ${JSON.stringify(nodes.b.events.slice(-5))}`);
  };
  const admin = async () => new HsmAdminClient(`${floating}:${adminPort}`, await caPem(), instanceId, privateKey);
  const certifiedClient = async (issue: (publicKeyPem: string) => Promise<{ certificate: string; serial: string }>) => {
    const ca = await caPem();
    const { privateKey: key, publicKey: pub } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const issued = await issue(pub.export({ type: 'spki', format: 'pem' }).toString());
    const cert = Buffer.from(issued.certificate);
    const keyPem = Buffer.from(key.export({ type: 'pkcs8', format: 'pem' }).toString());
    return { client: new HsmClient({ instances: [{ name: instanceId, address: `${floating}:${port}`, ca, cert, key: keyPem }] }), serial: issued.serial, cert, key: keyPem };
  };
  const appliance: Appliance = {
    instanceId, floating, port, adminPort, pkcs11Port, nodes, ukey, calls,
    async waitForCall(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.find((c) => match(c.record));
        if (found) return found.record;
        if (Date.now() > deadline) throw new Error(`no such call record within ${timeoutMs} ms; stored: ${JSON.stringify(calls.map((c) => c.record.operation))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    dataDir: (id) => join(dir, id),
    active() {
      const last = (n: NodeProcess) => n.events.filter((e) => e.event === 'active' || e.event === 'standby').at(-1);
      const a = last(nodes.a); const b = last(nodes.b);
      if (a?.event === 'active' && (!b || b.event !== 'active' || a.at > b.at) && nodes.a.child.exitCode === null && nodes.a.child.signalCode === null) return nodes.a;
      return nodes.b;
    },
    caPem, admin,
    async clientFor(name) {
      const adm = await admin();
      try {
        return await certifiedClient((pub) => adm.issueCertificate(name, pub));
      } finally {
        adm.close();
      }
    },
    async kmsClientFor(keystoreId) {
      return (await certifiedClient((pub) => control.issuance.issue(instanceId, `dew-kms:${keystoreId}`, pub))).client;
    },
    startNode(id) {
      const n = startNode(id);
      (nodes as Record<string, NodeProcess>)[id] = n;
      return n;
    },
    async stop() {
      await killNodes(nodes);
      control.stop();
      await nc.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return appliance;
}

/** A started appliance whose instance is initialised with its UKey, the active node known. */
export async function startInitialisedAppliance(nats: TestNats, instanceId: string, options: ApplianceOptions = {}): Promise<{ hsm: Appliance; active: NodeProcess }> {
  return startAll(async (started) => {
    const hsm = started(await startAppliance(nats, instanceId, options), (h) => h.stop());
    const active = await firstActive(hsm);
    const admin = await hsm.admin();
    await admin.initialize(hsm.ukey.publicPem).finally(() => admin.close());
    return { hsm, active };
  });
}

/** Waits until one of the two nodes reports itself active. */
export async function firstActive(a: Appliance): Promise<NodeProcess> {
  const waits = [a.nodes.a.waitFor('active').then(() => a.nodes.a), a.nodes.b.waitFor('active').then(() => a.nodes.b)];
  // Only one node becomes active: the other wait ends in a timeout nobody is waiting for.
  for (const w of waits) w.catch(() => undefined);
  return Promise.race(waits);
}

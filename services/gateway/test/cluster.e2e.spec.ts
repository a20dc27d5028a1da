import { healthOfReplicas, type ReplicaHealth } from '@dew/messaging';
import { DewSystem, marker } from '@dew/testing';
import { checkAckedWrites, MixedLoad, serverFaults } from '@dew/testing/load';

// Cluster mode (docs/architecture.md, "Cluster mode"): three nats-server nodes, R3 streams and KV
// buckets, two replicas of each service. Under a steady load from a process of its own, one node,
// one kms replica and one gateway replica are killed with SIGKILL; the supervisor restarts each.

const RECOVERY_MS = 60_000;
/** Below the gateway's 30 s bus timeout: a request lost with a killed replica is counted, not awaited. */
const CLIENT_TIMEOUT_MS = 10_000;
const OPS_PER_PHASE = 30;

let dew: DewSystem;

beforeAll(async () => {
  // The load creates keys without end: the project's key quota must not be what refuses them.
  // On a nats-server fit for cluster mode (2.10.23+: tools/cluster-nats-server.sh), as `make run-cluster` runs.
  dew = await DewSystem.start({ cluster: true, clusterNats: 'fit', startTimeoutMs: 240_000, env: { DEW_KMS_KEY_QUOTA: '10000' } });
}, 300_000);

afterAll(async () => {
  await dew?.stop();
});

async function replicas(service: string): Promise<ReplicaHealth[]> {
  const nc = await dew.connectNats('runner');
  try {
    return await healthOfReplicas(nc, service, 2, 3000);
  } finally {
    await nc.close();
  }
}

/** Polls `check` until true, for at most RECOVERY_MS (what it waits for is a state, not a time). */
async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + RECOVERY_MS;
  while (!(await Promise.resolve().then(check).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${RECOVERY_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Kills a process with SIGKILL and waits until the supervisor has started it again (a new pid). */
async function killAndAwaitRestart(name: string, pidOf: () => number): Promise<void> {
  const old = pidOf();
  process.kill(old, 'SIGKILL');
  await until(`the runner seeing ${name} killed`, () => dew.output.includes(`${name} was killed by SIGKILL`));
  await until(`${name} restarted`, () => pidOf() !== old);
}

describe('cluster mode: three nats-server nodes, two replicas of each service', () => {
  it('under load, a killed nats-server node, kms replica and gateway replica lose no acknowledged operation, and requests spread over both replicas', async () => {
    const admin = dew.client();
    const { access, secret, project_id, domain_id } = dew.credentials;
    const grantee = (await admin.call<{ user: { id: string } }>('POST', '/v3/users', { user: { name: 'cluster-grantee', domain_id } })).body.user.id;
    const load = new MixedLoad({ endpoint: dew.endpoint, creds: { access, secret, project_id }, grantee, workers: 4, timeoutMs: CLIENT_TIMEOUT_MS, secretValue: marker('secret-value'), prefix: 'cl', keypairs: true });
    let spread: Record<string, ReplicaHealth[]> = {};
    let recoveredFrom = Number.POSITIVE_INFINITY;
    try {
      load.phase('steady');
      await load.untilOps(OPS_PER_PHASE);
      spread = { kms: await replicas('kms'), gateway: await replicas('gateway') };

      load.phase('nats-server#2 killed, until restarted');
      await killAndAwaitRestart('nats-server#2', () => dew.natsServerPid(2));
      await load.untilOps(OPS_PER_PHASE);
      load.phase('nats-server#2 back');
      await load.untilOps(OPS_PER_PHASE);

      load.phase('kms#2 killed, until healthy again');
      await killAndAwaitRestart('kms#2', () => dew.servicePid('kms#2'));
      await until('both kms replicas healthy', async () => (await replicas('kms')).length === 2);
      await load.untilOps(OPS_PER_PHASE);

      load.phase('gateway#1 killed, until healthy again');
      await killAndAwaitRestart('gateway#1', () => dew.servicePid('gateway#1'));
      await until('both gateway replicas healthy', async () => (await replicas('gateway')).length === 2);
      // Recovered, as `make chaos` means it: the load ran clean 20 operations in a row (JetStream's
      // leaders may still move for a few seconds after a node came back: docs/architecture.md, "Cluster mode").
      await load.recoveredAfter(Date.now(), 20);
      load.phase('recovered');
      recoveredFrom = Date.now();
      await load.untilOps(OPS_PER_PHASE);
    } finally {
      await load.stop();
    }

    const figures = load.figures();
    const after = { kms: await replicas('kms'), gateway: await replicas('gateway') };
    console.log(`cluster mode under faults:\n${figures.map((f) => `  ${f.phase}: ${f.ops} operations, ${f.errors} errors (${(f.errorRate * 100).toFixed(1)} %; ${f.timeouts} client timeouts) ${JSON.stringify(f.statuses)}`).join('\n')}`
      + `\n  requests per replica before the faults: ${JSON.stringify(spread)}\n  after (restarted replicas count from 0): ${JSON.stringify(after)}`
      // What each refusal said, once per kind (a failure in CI is read from this).
      + `\n  refusals: ${JSON.stringify([...new Set(load.entries.filter((e) => e.op !== undefined && !e.ok && typeof e.status === 'number').map((e) => `${e.op} ${e.status} ${e.code ?? ''} ${e.message ?? ''}`))].slice(0, 20))}`);

    // Requests spread over both replicas of kms and of the gateway.
    for (const service of ['kms', 'gateway']) {
      expect(spread[service]?.map((r) => r.replica)).toEqual([1, 2]);
      for (const r of spread[service] ?? []) expect(r.requestsHandled).toBeGreaterThan(0);
    }
    // Over the run most operations succeeded; each phase's own rate is printed.
    // A killed replica leaves the other serving. The node's loss is reported, not bounded: while
    // JetStream elects new leaders for the streams it led, writes fail (503) — in one run of four,
    // for the whole phase and a few seconds after the node came back (docs/architecture.md, "Cluster mode").
    for (const f of figures.filter((x) => !x.phase.startsWith('nats-server'))) expect({ phase: f.phase, served: f.ops - f.errors > 0 }).toEqual({ phase: f.phase, served: true });
    // Without a fault, not one refusal: each worker reads the key and secret it has just created,
    // whichever replica answers (a replica behind catches up before a 404: read-your-writes).
    expect(figures.find((x) => x.phase === 'steady')?.statuses).toEqual({});
    // After the faults no refusal either. A request lost in transit or with a killed process is
    // only printed: as a client timeout, or as the 503 that says no replica holds it any more
    // (docs/architecture.md, "A replica killed mid-request"), which now ends it before that timeout.
    const refusedAfter = load.entries.filter((e) => e.op !== undefined && !e.ok && e.t >= recoveredFrom && typeof e.status === 'number');
    expect(refusedAfter.filter((e) => !/^no replica of the service behind \S+ is working on the request any more/.test(e.message ?? '')).map((e) => `${e.op} ${e.status} ${e.message ?? ''}`)).toEqual([]);
    // A fault of the moment answers 503 (retry), never 500: no input or fault reaches a 5xx other than 503.
    for (const f of figures) expect({ phase: f.phase, statuses: serverFaults(f) }).toEqual({ phase: f.phase, statuses: [] });
    const total = figures.reduce((n, f) => ({ ops: n.ops + f.ops, errors: n.errors + f.errors }), { ops: 0, errors: 0 });
    expect(total.errors / total.ops).toBeLessThan(0.25);

    // Nothing acknowledged is lost: keys (and their creation traces), grants, secrets, versions, key
    // pairs (the writes two replicas decide on the same state: on 2.9.10 both were stored and one
    // hid the other, docs/faults.md).
    const acked = await checkAckedWrites(admin, load);
    console.log(`acknowledged writes checked: ${JSON.stringify(acked.checked)}; reads that met a recovering replica first: ${acked.rereads}`);
    expect(acked.checked.keys).toBeGreaterThan(10);
    expect(acked.checked.versions).toBeGreaterThan(10);
    expect(acked.checked.keypairs).toBeGreaterThan(10);
    expect(acked.missing).toEqual([]);
    expect(acked.duplicates).toEqual([]);
  }, 420_000);
});

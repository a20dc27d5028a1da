import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DewSystem } from '../dew-system.js';
import { marker } from '../secrets-ledger.js';
import { checkAckedWrites, type AckedCheck } from '../load/acked-writes.js';
import { MixedLoad, serverFaults, unexplainedErrors, type PhaseFigures } from '../load/mixed-load.js';
import { hsmFailover, type HsmFailoverFigures } from './hsm-failover.js';

/** One process killed with SIGKILL: what the load saw from the kill until the next fault. */
export interface FaultFigures extends PhaseFigures {
  /** From the kill until the load answered RECOVERED_RUN operations in a row without an error. */
  readonly recoverySeconds: number;
  /** Seconds from the kill to the last error the phase's load was answered (null: none). */
  readonly lastErrorSeconds: number | null;
  /** Errors with a 5xx other than 503: none may occur. */
  readonly serverFaults: readonly string[];
  /** Errors other than a 503, a client timeout or a connection error: none may occur. */
  readonly unexplained: readonly string[];
}

export interface ChaosReport {
  readonly mode: 'single' | 'cluster';
  readonly short: boolean;
  readonly steady: PhaseFigures;
  readonly faults: readonly FaultFigures[];
  /** The active node of a Dedicated HSM instance killed under an application's calls (single-node mode). */
  readonly hsm?: HsmFailoverFigures;
  readonly acked: AckedCheck;
  readonly replay: { readonly identical: boolean; readonly seconds: number; readonly output: string };
  readonly seconds: number;
}

export interface ChaosOptions {
  /** The CI form: fewer operations between faults. */
  readonly short: boolean;
  /** Cluster mode: three nats-server nodes, two replicas of each service; one node and one replica killed. */
  readonly cluster?: boolean;
  readonly log: (line: string) => void;
}

/** A process the run kills: its name in the runner's output and how to find its pid now. */
interface Fault {
  readonly name: string;
  readonly pid: (dew: DewSystem) => number;
}

const service = (name: string): Fault => ({ name, pid: (dew) => dew.servicePid(name) });
/** Every service of `make run`, then the bus itself (docs/faults.md, "make chaos"). */
const SINGLE_NODE_FAULTS: readonly Fault[] = [
  ...['kms', 'iam', 'csms', 'kps', 'audit', 'hsm-provisioning', 'gateway'].map(service),
  { name: 'nats-server', pid: (dew) => dew.natsServerPid() },
];
const CLUSTER_FAULTS: readonly Fault[] = [
  { name: 'nats-server#2', pid: (dew) => dew.natsServerPid(2) },
  service('kms#1'),
  service('gateway#2'),
];
/** Operations in a row without an error that count as "recovered": about three rounds of a worker's seven kinds of call. */
const RECOVERED_RUN = 20;
const RESTART_MS = 60_000;
/** Below the gateway's 30 s bus timeout: a request lost with a killed process is counted, not awaited. */
const CLIENT_TIMEOUT_MS = 10_000;

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + RESTART_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${RESTART_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What a process wrote last (its log under the data dir), for a failure to say why it did not recover. */
function logTail(dew: DewSystem, name: string): string {
  try {
    return readFileSync(join(dew.dataDir, 'logs', `${name}.log`), 'utf8').split('\n').slice(-20).join('\n');
  } catch (err) {
    return `(no log: ${(err as Error).message})`;
  }
}

const pidOrZero = (dew: DewSystem, fault: Fault): number => {
  try {
    return fault.pid(dew);
  } catch {
    return 0;
  }
};

/**
 * `make chaos` (docs/faults.md): DEW under a steady mixed load from a process of its own; each
 * process killed with SIGKILL in turn and restarted by the runner; per fault the load's error rate
 * and the time until it ran clean again; afterwards every acknowledged write read back (with its
 * trace), no create carried out twice, and the replay of every read model identical.
 */
export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const opsPerPhase = opts.short ? 30 : 200;
  const faults = opts.cluster ? CLUSTER_FAULTS : SINGLE_NODE_FAULTS;
  opts.log(`starting DEW${opts.cluster ? ' in cluster mode' : ''}…`);
  // Cluster mode as `make run-cluster` runs it (docs/faults.md).
  const dew = await DewSystem.start({ cluster: opts.cluster ?? false, clusterNats: 'fit', startTimeoutMs: 240_000, env: { DEW_KMS_KEY_QUOTA: '100000' } });
  try {
    const admin = dew.client();
    const { access, secret, project_id, domain_id } = dew.credentials;
    const grantee = (await admin.call<{ user: { id: string } }>('POST', '/v3/users', { user: { name: 'chaos-grantee', domain_id } })).body.user.id;
    const load = new MixedLoad({ endpoint: dew.endpoint, creds: { access, secret, project_id }, grantee, workers: 4, timeoutMs: CLIENT_TIMEOUT_MS, secretValue: marker('secret-value'), prefix: 'chaos', keypairs: true });
    const recoveries = new Map<string, number>();
    const killTimes = new Map<string, number>();
    let hsm: HsmFailoverFigures | undefined;
    try {
      load.phase('steady');
      await load.untilOps(opsPerPhase);
      for (const fault of faults) {
        const old = fault.pid(dew);
        const restartsSeen = dew.output.split(`${fault.name} was killed by SIGKILL`).length;
        load.phase(fault.name);
        const killedAt = Date.now();
        killTimes.set(fault.name, killedAt);
        process.kill(old, 'SIGKILL');
        opts.log(`killed ${fault.name} (pid ${old})`);
        await until(`the runner seeing ${fault.name} killed`, () => dew.output.split(`${fault.name} was killed by SIGKILL`).length > restartsSeen);
        await until(`${fault.name} restarted`, () => ![0, old].includes(pidOrZero(dew, fault)));
        const recoveredAt = await load.recoveredAfter(killedAt, RECOVERED_RUN).catch((err: Error) => {
          throw new Error(`after kill -9 ${fault.name}: ${err.message}\nthe last lines of its log:\n${logTail(dew, fault.name)}\nthe runner's:\n${dew.output.split('\n').slice(-10).join('\n')}`);
        });
        recoveries.set(fault.name, (recoveredAt - killedAt) / 1000);
        opts.log(`${fault.name}: restarted, the load ran clean again after ${((recoveredAt - killedAt) / 1000).toFixed(1)} s`);
        await load.untilOps(opsPerPhase);
      }
      if (!opts.cluster) {
        load.phase('active HSM node');
        opts.log('killing the active node of a Dedicated HSM instance under an application\'s calls…');
        hsm = await hsmFailover(dew, admin);
        opts.log(`active HSM node ${hsm.killed}: calls resumed after ${(hsm.resumedMs / 1000).toFixed(1)} s`);
        await load.untilOps(opsPerPhase);
      }
    } finally {
      await load.stop();
    }
    // Read once the load stopped: each phase's errors up to the next kill (or the end).
    const lastErrors = new Map([...killTimes].map(([name, at], i, all) => [name, load.lastErrorAfter(at, all[i + 1]?.[1])]));
    const [steady, ...phases] = load.figures();
    opts.log('reading back every acknowledged write…');
    const acked = await checkAckedWrites(admin, load);
    opts.log('replaying every read model…');
    const replayStarted = Date.now();
    const replay = await dew.cli(['replay']);
    return {
      mode: opts.cluster ? 'cluster' : 'single',
      short: opts.short,
      steady: steady!,
      faults: phases.map((f) => ({ ...f, recoverySeconds: recoveries.get(f.phase) ?? (f.phase === 'active HSM node' && hsm ? hsm.resumedMs / 1000 : NaN), lastErrorSeconds: secondsSince(killTimes.get(f.phase), lastErrors.get(f.phase)), serverFaults: serverFaults(f), unexplained: unexplainedErrors(f) })),
      ...(hsm ? { hsm } : {}),
      acked,
      replay: { identical: replay.code === 0, seconds: (Date.now() - replayStarted) / 1000, output: replay.out },
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await dew.stop();
  }
}

/** The report as the table `make chaos` prints (and the note quotes). */
export function chaosTable(report: ChaosReport): string {
  const pct = (f: PhaseFigures) => `${(f.errorRate * 100).toFixed(1)} %`;
  const rows = [
    `| phase (${report.mode}${report.short ? ', short' : ''}) | operations | errors | error rate | client timeouts | recovered after | last error at | errors by operation and status |`,
    '|---|---|---|---|---|---|---|---|',
    `| steady | ${report.steady.ops} | ${report.steady.errors} | ${pct(report.steady)} | ${report.steady.timeouts} | — | — | ${JSON.stringify(report.steady.statuses)} |`,
    ...report.faults.map((f) => `| kill -9 ${f.phase} | ${f.ops} | ${f.errors} | ${pct(f)} | ${f.timeouts} | ${f.recoverySeconds.toFixed(1)} s | ${f.lastErrorSeconds === null ? '—' : `${f.lastErrorSeconds.toFixed(1)} s`} | ${JSON.stringify(f.statuses)} |`),
  ];
  const a = report.acked;
  return [
    ...rows,
    '',
    `acknowledged and read back: ${Object.entries(a.checked).map(([k, n]) => `${n} ${k}`).join(', ')}; missing ${a.missing.length}, duplicated ${a.duplicates.length}; reads that met a process still recovering: ${a.rereads}`,
    ...(report.hsm ? [`active HSM node ${report.hsm.killed} killed under an application's encrypt/decrypt calls: resumed after ${(report.hsm.resumedMs / 1000).toFixed(1)} s; ${report.hsm.ok} right answers, ${report.hsm.wrong} wrong, ${report.hsm.failures} calls failed; every key made before decrypts its ciphertexts: ${report.hsm.keysSurvived}`] : []),
    `replay: ${report.replay.identical ? 'identical' : 'DIFFERENT'} (${report.replay.seconds.toFixed(1)} s); whole run ${report.seconds.toFixed(0)} s`,
  ].join('\n');
}

const secondsSince = (from: number | undefined, at: number | undefined): number | null => (from === undefined || at === undefined ? null : (at - from) / 1000);

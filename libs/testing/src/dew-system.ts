import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { findFreePort, withParentDeathSignal } from '@dew/nats-server';
import { inboxPrefixOf } from '@dew/messaging';
import { SdkClient, type ApiCredentials } from './sdk-client.js';
import { evidenceDir, rememberSecret, scanAfterSuite } from './secrets-ledger.js';
import { softHsmRootKeyEnv } from './token-root-key.js';
import { processesMatching } from './processes.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = join(REPO_ROOT, 'deploy/local/dist/cli.js');

export interface AdminCredentialsFile extends ApiCredentials {
  readonly endpoint: string;
  readonly domain_id: string;
  readonly domain_name: string;
  readonly user_name: string;
}

export interface DewSystemOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly startTimeoutMs?: number;
  /**
   * The root key provider: `file` (the default) or `pkcs11` on a SoftHSM2 token of the system's
   * own. DEW_TEST_ROOT_KEY_PROVIDER=pkcs11 in the test run's environment switches every system
   * that does not choose (CI runs the KMS cryptography suite so: README "Tests").
   */
  readonly rootKeyProvider?: 'file' | 'pkcs11';
  /** Cluster mode (docs/architecture.md, "Cluster mode"): three nats-server nodes, two replicas of each service. */
  readonly cluster?: boolean;
  /**
   * Cluster mode's nats-server: `system` (the one on PATH, the default) or `fit`, a 2.10.23 or
   * later as `make run-cluster` runs (tools/cluster-nats-server.sh; docs/faults.md says what each
   * does in cluster mode).
   */
  readonly clusterNats?: 'system' | 'fit';
}

/**
 * The path of a nats-server 2.10.23 or later (tools/cluster-nats-server.sh: the one on PATH when
 * fit, else Debian 13's, fetched once): what cluster mode and `DEW_NATS_SYNC` need.
 */
export function fitNatsServerBinary(): string {
  return execFileSync(join(REPO_ROOT, 'tools/cluster-nats-server.sh'), { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/**
 * Cluster mode's environment on free ports: the nodes' client ports (the first is DEW_NATS_PORT)
 * and route ports; with `fit`, a nats-server that honours expected sequences in a cluster (2.10.23
 * or later; tools/cluster-nats-server.sh says why, and fetches Debian 13's when the system's is
 * older), as `make run-cluster` runs it: no such server, and the start fails, saying so.
 */
async function clusterEnv(natsPort: number, nats: 'system' | 'fit'): Promise<Record<string, string>> {
  const more = async (n: number) => Promise.all(Array.from({ length: n }, () => findFreePort()));
  const clientPorts = [natsPort, ...(await more(2))];
  const binary: Record<string, string> = nats === 'fit' ? { DEW_NATS_SERVER_BIN: fitNatsServerBinary() } : {};
  return { DEW_CLUSTER: '3', DEW_NATS_CLUSTER_PORTS: clientPorts.join(','), DEW_NATS_ROUTE_PORTS: (await more(3)).join(','), ...binary };
}

/**
 * The whole product as `make run` starts it (the real CLI: private nats-server, every service,
 * the gateway), on free ports with a temp data dir and the test clock on. Built code (dist) is
 * what runs, so `make test` builds first.
 *
 * In the e2e project (DEW_E2E_LEDGER_DIR set by its globalSetup) the data dir lives under the
 * ledger dir and survives `stop()`, and everything the runner printed goes to
 * `<data dir>.runner-output.log` beside it: the globalTeardown scans both for every secret the
 * suite remembered (secrets-scan.ts), then deletes them. Elsewhere `stop()` deletes the data dir.
 */
export class DewSystem {
  #child: ChildProcess | undefined;
  #runnerExit: Promise<number | null> = Promise.resolve(null);
  #output = '';
  /** Where every launch's output is appended (kept for the scan), or undefined. */
  readonly #outputLog: string | undefined;
  readonly #connections: NatsConnection[] = [];

  private constructor(
    readonly dataDir: string,
    readonly httpPort: number,
    readonly natsPort: number,
    private opts: DewSystemOptions,
    keepForScan: boolean,
  ) {
    this.#outputLog = keepForScan ? `${dataDir}.runner-output.log` : undefined;
  }

  static async start(opts: DewSystemOptions = {}): Promise<DewSystem> {
    const keep = scanAfterSuite();
    const dataDir = mkdtempSync(join(keep ? evidenceDir() : tmpdir(), 'dew-e2e-'));
    const provider = opts.rootKeyProvider ?? (process.env.DEW_TEST_ROOT_KEY_PROVIDER === 'pkcs11' ? 'pkcs11' : 'file');
    // DEW_TEST_PKCS11_ISOLATION=p11-kit runs those tokens out of process (docs/architecture.md "Where the key's bytes are").
    const isolation: Record<string, string> = process.env.DEW_TEST_PKCS11_ISOLATION === 'p11-kit' ? { DEW_PKCS11_ISOLATION: 'p11-kit' } : {};
    const rootKeyEnv = provider === 'pkcs11' ? { ...softHsmRootKeyEnv(`${dataDir}.softhsm`), ...isolation } : {};
    const natsPort = await findFreePort();
    const cluster = opts.cluster ? await clusterEnv(natsPort, opts.clusterNats ?? 'system') : {};
    const system = new DewSystem(dataDir, await findFreePort(), natsPort, { ...opts, env: { ...rootKeyEnv, ...cluster, ...opts.env } }, keep);
    await system.#launch();
    return system;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  /** The environment the system was last started with beyond the runner's own (root key provider and such). */
  get env(): Readonly<Record<string, string>> {
    return this.opts.env ?? {};
  }

  get natsUrl(): string {
    return `nats://127.0.0.1:${this.natsPort}`;
  }

  get credentials(): AdminCredentialsFile {
    return JSON.parse(readFileSync(join(this.dataDir, 'admin-credentials.json'), 'utf8')) as AdminCredentialsFile;
  }

  /** Everything the runner printed (tests check that secrets appear only where they should). */
  get output(): string {
    return this.#output;
  }

  client(creds: ApiCredentials = this.credentials): SdkClient {
    return new SdkClient(this.endpoint, creds);
  }

  natsPassword(user: string): string {
    const passwords = JSON.parse(readFileSync(join(this.dataDir, 'nats', 'users.json'), 'utf8')) as Record<string, string>;
    const pass = passwords[user];
    if (!pass) throw new Error(`no NATS user ${user}`);
    return pass;
  }

  /** Connects as a NATS user with its real password and its private inbox prefix. */
  async connectNats(user?: string): Promise<NatsConnection> {
    const nc = await connect({ servers: this.natsUrls, ...(user ? { user, pass: this.natsPassword(user), inboxPrefix: inboxPrefixOf(user) } : {}), reconnect: false });
    this.#connections.push(nc);
    return nc;
  }

  /** `npm run dew -- <args>` beside the (stopped or running) system, as an operator runs it; stdout and stderr together. */
  cli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<{ code: number | null; out: string }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        env: { PATH: process.env.PATH ?? '', DEW_DATA_DIR: this.dataDir, DEW_NATS_PORT: String(this.natsPort), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('exit', (code) => done({ code, out }));
    });
  }

  /** Moves a service's test clock forward and waits until its schedulers have run. */
  async advanceClock(service: string, ms: number): Promise<void> {
    const nc = await this.connectNats('runner');
    const reply = await nc.request(`sys.clock.advance.${service}`, JSON.stringify({ ms }), { timeout: 30_000 });
    const body = reply.json<{ ok?: unknown; error?: { message: string } }>();
    if (body.error) throw new Error(`clock advance failed: ${body.error.message}`);
  }

  /** A second account (domain) with its own administrator, as the first start creates one. */
  async bootstrapDomain(domainName: string, userName = 'admin'): Promise<AdminCredentialsFile> {
    const nc = await this.connectNats('runner');
    const reply = await nc.request('iam.bootstrap', JSON.stringify({ domain_name: domainName, user_name: userName }), { timeout: 30_000 });
    const body = reply.json<{ ok?: { domain_id: string; project_id: string; user_name: string; access: string; secret?: string }; error?: { message: string } }>();
    if (!body.ok?.secret) throw new Error(`bootstrap of ${domainName} failed: ${body.error?.message ?? 'domain exists'}`);
    const { domain_id, project_id, access, secret } = body.ok;
    // Unlike the first administrator's (shown once, written to admin-credentials.json), this SK is
    // kept nowhere in the clear: the scan after the suite looks for it.
    rememberSecret('secret-key', secret);
    return { endpoint: this.endpoint, domain_id, domain_name: domainName, user_name: userName, project_id, access, secret };
  }

  /** The runner's exit code once it ends: on its own (a crash loop) or stopped. */
  get runnerExit(): Promise<number | null> {
    return this.#runnerExit;
  }

  /** The pid of the running nats-server, or in cluster mode of node `node` (1..3); each writes its pid file on every start. */
  natsServerPid(node?: number): number {
    const dir = node === undefined ? join(this.dataDir, 'nats') : join(this.dataDir, 'nats', `node-${node}`);
    return Number(readFileSync(join(dir, 'nats-server.pid'), 'utf8').trim());
  }

  /** Every client URL of the system's nats-servers (one, or the cluster's three). */
  get natsUrls(): string[] {
    return (this.env.DEW_NATS_CLUSTER_PORTS?.split(',') ?? [String(this.natsPort)]).map((p) => `nats://127.0.0.1:${p}`);
  }

  /**
   * The pid of a running service's process (`kms`, `iam`…, a replica as `kms#2`; `runner` for the
   * runner), found in /proc by its data dir.
   */
  servicePid(name: string): number {
    if (name === 'runner' && this.#child?.pid !== undefined) return this.#child.pid;
    const [service, replica] = name.split('#');
    const [p, ...more] = processesMatching(
      (x) => x.env.includes(`DEW_DATA_DIR=${this.dataDir}`) && x.cmd.includes(`services/${service}/dist/main.js`) && (replica === undefined || x.env.includes(`DEW_REPLICA=${replica}`)),
    );
    if (p === undefined || more.length > 0) throw new Error(`${more.length + (p ? 1 : 0)} processes of ${name} run on ${this.dataDir}`);
    return p.pid;
  }

  /** Ctrl-C and start again on the same data dir and ports (with `env` changed, when given). */
  async restart(env: Readonly<Record<string, string>> = {}): Promise<void> {
    this.opts = { ...this.opts, env: { ...this.opts.env, ...env } };
    await this.#terminate();
    await this.#launch();
  }

  /** Ctrl-C, keeping the data dir (to inspect the stores afterwards). */
  async halt(): Promise<void> {
    await this.#terminate();
  }

  /** Ctrl-C; the data dir is deleted, or left for the scan after the suite (see the class comment). */
  async stop(): Promise<void> {
    await this.#terminate();
    if (this.#outputLog) return;
    rmSync(this.dataDir, { recursive: true, force: true });
    rmSync(`${this.dataDir}.softhsm`, { recursive: true, force: true });
  }

  #keepOutput(chunk: Buffer): void {
    if (!this.#outputLog) return;
    try {
      appendFileSync(this.#outputLog, chunk, { mode: 0o600 });
    } catch {
      // The suite's teardown already removed the dir (a system nobody stopped): nothing to keep.
    }
  }

  async #terminate(): Promise<void> {
    for (const nc of this.#connections.splice(0)) await nc.close().catch(() => undefined);
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    // Past the runner's own worst stop (it gives each service 10 s, one after another): a runner that
    // hangs must not hang the suite. Said aloud: a restart after it may meet services still draining.
    const forced = setTimeout(() => {
      process.stderr.write(`DewSystem: the runner of ${this.dataDir} did not stop within 120 s of SIGINT; killed\n`);
      child.kill('SIGKILL');
    }, 120_000);
    await exited;
    clearTimeout(forced);
  }

  async #launch(): Promise<void> {
    this.#output = '';
    // Under setpriv's parent-death signal: Jest's sandboxed `process` runs no 'exit' listener of a
    // test (seen: runners, and their whole systems, outliving the Jest process), so the kernel ends
    // the runner when the test process goes, however it goes.
    const [command, ...args] = withParentDeathSignal([process.execPath, '--enable-source-maps', CLI, 'run']);
    const child = spawn(command!, args, {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DEW_DATA_DIR: this.dataDir,
        DEW_HTTP_PORT: String(this.httpPort),
        DEW_NATS_PORT: String(this.natsPort),
        DEW_TEST_CLOCK: '1',
        DEW_LOG_LEVEL: 'warn',
        ...this.opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    this.#runnerExit = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    try {
      await this.#untilReady(child);
      // A run asked to root its keys in a token (DEW_TEST_ROOT_KEY_PROVIDER) must really have done so.
      if (this.opts.env?.DEW_ROOT_KEY_PROVIDER === 'pkcs11' && !this.#output.includes('root key:   pkcs11:')) throw new Error(`DEW started without its token root key:\n${this.#output}`);
    } catch (err) {
      // A start that failed or timed out stops what it started: a runner left running would keep Jest alive.
      await this.#terminate();
      throw err;
    }
  }

  #untilReady(child: ChildProcess): Promise<void> {
    return new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`DEW did not start within the timeout (data dir ${this.dataDir}):\n${this.#output}`)), this.opts.startTimeoutMs ?? 90_000);
      const onData = (chunk: Buffer) => {
        this.#output += chunk.toString('utf8');
        this.#keepOutput(chunk);
        if (this.#output.includes('DEW ready at ')) {
          clearTimeout(timer);
          resolveReady();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`DEW exited with ${code} before it was ready:\n${this.#output}`));
      });
    });
  }
}

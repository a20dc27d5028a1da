import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { openRootKey } from '@dew/crypto';
import { connectNats, request, streamsUserOf, systemContext, subjects } from '@dew/messaging';
import { renderNatsConfig, startNatsServer, BUS_MAX_PAYLOAD } from '@dew/nats-server';
import { REFERENCE_ECHO_USERS, loadOrCreatePasswords, natsUsers } from './nats-users.js';
import { startNodeProcess } from './children.js';
import { Supervisor, type SupervisionFailure } from './supervisor.js';
import type { RunnerSettings } from './settings.js';
import { stopStaleNatsServer } from './stale-server.js';
import { provisionStreams } from './provision-streams.js';
import { isolateRootKey, type IsolatedRootKey } from './root-key-isolation.js';

/** Services started by `make run`, in start order; the gateway starts beside them and is ready after them. */
export const SERVICES = ['iam', 'kms', 'csms', 'kps', 'hsm-provisioning', 'audit'] as const;

export interface AdminCredentials {
  readonly endpoint: string;
  readonly project_id: string;
  readonly domain_id: string;
  readonly domain_name: string;
  readonly user_name: string;
  readonly access: string;
  readonly secret: string;
}

export interface RunningSystem {
  readonly endpoint: string;
  readonly projectId: string;
  readonly credentialsFile: string;
  /** Present only on the start that created the administrator. */
  readonly createdCredentials: AdminCredentials | null;
  readonly rootKeyCreated: boolean;
  /** Which root key the services use (a file path or a token and key label; never key bytes). */
  readonly rootKey: string;
  readonly logDir: string;
  /** Resolves when a process crash-loops (docs/architecture.md, "Supervision"): the system has to stop. */
  readonly failed: Promise<SupervisionFailure>;
  stop(): Promise<void>;
}

interface BootstrapReply {
  readonly created: boolean;
  readonly domain_id: string;
  readonly project_id: string;
  readonly user_name: string;
  readonly access: string;
  readonly secret?: string;
}

/** `onRestart` gets a line for each restart of a crashed process. */
export async function startSystem(s: RunnerSettings, echoLogs: boolean, onRestart: (line: string) => void): Promise<RunningSystem> {
  const natsDir = join(s.dataDir, 'nats');
  const logDir = join(s.dataDir, 'logs');
  for (const dir of [s.dataDir, natsDir, logDir]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(s.dataDir, 0o700);
  const isolated = s.rootKeyIsolation === 'p11-kit' ? await isolateRootKey(s.rootKey, process.env) : undefined;
  let rootKey: ReturnType<typeof openRootKey>;
  try {
    // Created here, before the services start, so they never race to create it.
    rootKey = openRootKey(isolated?.rootKey ?? s.rootKey);
    rootKey.close();
  } catch (err) {
    await isolated?.stop();
    throw err;
  }

  const passwords = loadOrCreatePasswords(join(natsDir, 'users.json'), ['gateway', 'runner', 'replay', 'bench', ...REFERENCE_ECHO_USERS, ...SERVICES, ...SERVICES.map(streamsUserOf)]);
  const configPath = join(natsDir, 'nats.conf');
  const pidFile = join(natsDir, 'nats-server.pid');
  if (await stopStaleNatsServer(pidFile, configPath)) console.warn('stopped the nats-server a previous, killed run left on this data dir');
  writeFileSync(
    configPath,
    renderNatsConfig({ host: s.natsHost, port: s.natsPort, storeDir: join(natsDir, 'store'), users: natsUsers(SERVICES, passwords, s.benchEcho), pidFile, maxPayload: BUS_MAX_PAYLOAD }),
    { mode: 0o600 },
  );
  const supervisor = new Supervisor(onRestart);
  let nc: NatsConnection | undefined;
  const stop = async () => {
    // Called first: from here on no exit is taken for a crash (a Ctrl-C reaches the services too).
    const services = supervisor.stop((name) => name !== 'nats-server');
    await nc?.close().catch(() => undefined);
    await services;
    await isolated?.stop();
    await supervisor.stop();
  };
  try {
    const natsLog = join(logDir, 'nats-server.log');
    // A restarted nats-server gets the same config: the same port and store (docs/architecture.md, "Supervision").
    await supervisor.start('nats-server', natsLog, () => startNatsServer({ configPath, logFile: natsLog, binary: s.natsBinary }));
    const natsUrl = `nats://${s.natsHost}:${s.natsPort}`;
    const endpoint = `http://${s.httpHost}:${s.httpPort}`;
    const common = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: process.env.NODE_ENV ?? 'production',
      DEW_NATS_URL: natsUrl,
      DEW_DATA_DIR: s.dataDir,
      DEW_ROOT_KEY_FILE: s.rootKeyFile,
      DEW_LOG_LEVEL: s.logLevel,
      ...(s.testClock ? { DEW_TEST_CLOCK: '1' } : {}),
      ...serviceEnvOf(s, isolated),
    };
    // Services read and write their streams on a second connection (see serviceStreamsPermissions).
    const streamsCredentials = (name: string): Record<string, string> => {
      const password = passwords[streamsUserOf(name)];
      return password ? { DEW_NATS_STREAMS_USER: streamsUserOf(name), DEW_NATS_STREAMS_PASS: password } : {};
    };
    const start = (name: string, extra: Record<string, string> = {}) => {
      const logFile = join(logDir, `${name}.log`);
      const env = { ...common, DEW_NATS_USER: name, DEW_NATS_PASS: passwords[name], ...streamsCredentials(name), ...extra };
      // DEW_RESTARTS: the service reports how often it was restarted in its health.
      return supervisor.start(name, logFile, async (restarts) => startNodeProcess(name, join(s.repoRoot, 'services', name, 'dist', 'main.js'), { ...env, DEW_RESTARTS: String(restarts) }, logFile, echoLogs, s.cpuProfileDir));
    };
    nc = await connectNats({ servers: natsUrl, user: 'runner', pass: passwords.runner ?? '', name: 'dew-runner' });
    await provisionStreams(nc, s.streams);
    for (const service of SERVICES) await start(service);
    // The gateway boots beside the services: it answers /ready only once every one of them is
    // healthy (waitForGateway waits for that), so nothing reaches a service before it is up.
    await start('gateway', { DEW_HTTP_HOST: s.httpHost, DEW_HTTP_PORT: String(s.httpPort), DEW_SERVICES: SERVICES.join(','), ...(s.benchEcho ? { DEW_BENCH_ECHO: '1' } : {}) });
    for (const service of SERVICES) await waitForService(nc, service, supervisor);

    const bootstrap = await request<BootstrapReply>(nc, subjects.iam('bootstrap'), { domain_name: s.domainName, user_name: s.adminUserName }, systemContext('bootstrap'));
    await waitForGateway(endpoint, supervisor);

    const credentialsFile = join(s.dataDir, 'admin-credentials.json');
    let createdCredentials: AdminCredentials | null = null;
    if (bootstrap.created && bootstrap.secret) {
      createdCredentials = {
        endpoint,
        project_id: bootstrap.project_id,
        domain_id: bootstrap.domain_id,
        domain_name: s.domainName,
        user_name: bootstrap.user_name,
        access: bootstrap.access,
        secret: bootstrap.secret,
      };
      writeFileSync(credentialsFile, `${JSON.stringify(createdCredentials, null, 2)}\n`, { mode: 0o600 });
    } else if (existsSync(credentialsFile)) {
      chmodSync(credentialsFile, 0o600);
    }
    await nc.close();
    nc = undefined;
    supervisor.arm();
    return { endpoint, projectId: bootstrap.project_id, credentialsFile, createdCredentials, rootKeyCreated: rootKey.created, rootKey: describeRootKey(rootKey.provider.description, isolated), logDir, failed: supervisor.failed, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function waitForService(nc: NatsConnection, service: string, supervisor: Supervisor, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await request(nc, subjects.health(service), {}, systemContext('health'), { timeoutMs: 1000 });
      return;
    } catch {
      failIfExited(supervisor);
      if (Date.now() > deadline) throw new Error(`${service} did not become healthy within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function waitForGateway(endpoint: string, supervisor: Supervisor, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${endpoint}/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    failIfExited(supervisor);
    if (Date.now() > deadline) throw new Error(`gateway at ${endpoint} did not become ready within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function failIfExited(supervisor: Supervisor): void {
  const failure = supervisor.failure;
  if (failure) throw new Error(`${failure.name} ${failure.reason}; last log lines:\n${failure.lastLogLines}`);
}

/** Isolated, the services load p11-kit's client module and never see the token's SOFTHSM2_CONF. */
function serviceEnvOf(s: RunnerSettings, isolated: IsolatedRootKey | undefined): Record<string, string> {
  if (!isolated) return { ...s.serviceEnv };
  const { SOFTHSM2_CONF: _tokenConf, ...rest } = s.serviceEnv;
  return { ...rest, ...isolated.serviceEnv };
}

function describeRootKey(description: string, isolated: IsolatedRootKey | undefined): string {
  return isolated ? `${description} (isolated: p11-kit server pid ${isolated.serverPid ?? '?'})` : description;
}

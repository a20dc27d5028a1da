import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { openRootKey } from '@dew/crypto';
import { connectNats, request, streamsUserOf, systemContext, subjects } from '@dew/messaging';
import { findFreePort } from '@dew/nats-server';
import { REFERENCE_ECHO_USERS, loadOrCreatePasswords, natsUsers } from './nats-users.js';
import { startNodeProcess } from './children.js';
import { Supervisor, type SupervisionFailure } from './supervisor.js';
import type { RunnerSettings } from './settings.js';
import { provisionStreams } from './provision-streams.js';
import { isolateRootKey, type IsolatedRootKey } from './root-key-isolation.js';
import { isNatsNode, natsNodes, ROUTE_USER, startNatsNodes } from './nats-nodes.js';
import { startTcpFront, type TcpFront } from './tcp-front.js';
import { untilProvisioned, waitForGateway, waitForReplicas } from './readiness.js';

/** Services started by `make run`, in start order; the gateway starts beside them and is ready after them. */
export const SERVICES = ['iam', 'kms', 'csms', 'kps', 'hsm-provisioning', 'audit'] as const;

/**
 * How many processes of a service run: one, or in cluster mode the configured replicas, except
 * hsm-provisioning, which owns the Dedicated HSM nodes' processes and their files under the data
 * dir (docs/architecture.md, "Cluster mode").
 */
export function replicasOf(service: string, s: RunnerSettings): number {
  return s.cluster && service !== 'hsm-provisioning' ? s.cluster.serviceReplicas : 1;
}

/** A replica's process name: the service's own alone, `kms#2` among replicas (its log is `<name>.log`). */
export const processName = (service: string, replica: number, replicas: number): string => (replicas > 1 ? `${service}#${replica}` : service);

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

/** Every NATS user of the system, each with a password in `<data dir>/nats/users.json`. */
export const natsUserNames = (): string[] => ['gateway', 'runner', 'replay', 'backup', 'bench', ROUTE_USER, ...REFERENCE_ECHO_USERS, ...SERVICES, ...SERVICES.map(streamsUserOf)];

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

  const passwords = loadOrCreatePasswords(join(natsDir, 'users.json'), natsUserNames());
  const nodes = natsNodes(s, natsDir, natsUsers(SERVICES, passwords, s.benchEcho), passwords[ROUTE_USER] ?? '');
  // Each child process kills itself with the runner through an exit listener: cluster mode has a dozen and more.
  if (s.cluster) process.setMaxListeners(Math.max(process.getMaxListeners(), 4 * (SERVICES.length + 1) * s.cluster.serviceReplicas));
  const supervisor = new Supervisor(onRestart);
  let nc: NatsConnection | undefined;
  let front: TcpFront | undefined;
  const stop = async () => {
    // Called first: from here on no exit is taken for a crash (a Ctrl-C reaches the services too).
    const services = supervisor.stop((name) => !isNatsNode(name));
    await front?.close();
    await nc?.close().catch(() => undefined);
    await services;
    await isolated?.stop();
    await supervisor.stop();
  };
  try {
    await startNatsNodes(nodes, s, logDir, supervisor);
    // Every node's URL: a client whose node goes away reconnects to another.
    const natsUrl = nodes.map((n) => n.url).join(',');
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
    // Replicas share their service's NATS users; each has its own process name, log and supervision.
    const start = (service: string, replica: number, replicas: number, extra: Record<string, string> = {}) => {
      const name = processName(service, replica, replicas);
      const logFile = join(logDir, `${name}.log`);
      const env = { ...common, DEW_NATS_USER: service, DEW_NATS_PASS: passwords[service], ...streamsCredentials(service), DEW_REPLICA: String(replica), ...extra };
      // DEW_RESTARTS: the service reports how often it was restarted in its health.
      return supervisor.start(name, logFile, async (restarts) => startNodeProcess(name, join(s.repoRoot, 'services', service, 'dist', 'main.js'), { ...env, DEW_RESTARTS: String(restarts) }, logFile, echoLogs, s.cpuProfileDir));
    };
    nc = await connectNats({ servers: natsUrl, user: 'runner', pass: passwords.runner ?? '', name: 'dew-runner' });
    const runnerNc = nc;
    // A new cluster answers JetStream requests once it has elected its meta leader.
    await untilProvisioned(() => provisionStreams(runnerNc, s.streams), supervisor);
    for (const service of SERVICES) for (let r = 1; r <= replicasOf(service, s); r++) await start(service, r, replicasOf(service, s));
    // The gateway boots beside the services: it answers /ready only once every one of them is
    // healthy (waitForGateway waits for that), so nothing reaches a service before it is up.
    const gatewayEnv = { DEW_HTTP_HOST: s.httpHost, DEW_SERVICES: SERVICES.join(','), ...(s.benchEcho ? { DEW_BENCH_ECHO: '1' } : {}) };
    const gateways = replicasOf('gateway', s);
    // Replicas listen on ports of their own behind the front on DEW_HTTP_PORT (docs/architecture.md, "Cluster mode").
    const gatewayPorts = gateways > 1 ? await Promise.all(Array.from({ length: gateways }, () => findFreePort(s.httpHost))) : [s.httpPort];
    for (const [i, port] of gatewayPorts.entries()) await start('gateway', i + 1, gateways, { ...gatewayEnv, DEW_HTTP_PORT: String(port) });
    for (const service of SERVICES) await waitForReplicas(nc, service, replicasOf(service, s), supervisor);

    const bootstrap = await request<BootstrapReply>(nc, subjects.iam('bootstrap'), { domain_name: s.domainName, user_name: s.adminUserName }, systemContext('bootstrap'));
    for (const port of gatewayPorts) await waitForGateway(`http://${s.httpHost}:${port}`, supervisor);
    if (gateways > 1) front = await startTcpFront(s.httpHost, s.httpPort, gatewayPorts.map((port) => ({ host: s.httpHost, port })), (err) => console.error(`gateway front: ${err.message}`));
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

/** Isolated, the services load p11-kit's client module and never see the token's SOFTHSM2_CONF. */
function serviceEnvOf(s: RunnerSettings, isolated: IsolatedRootKey | undefined): Record<string, string> {
  if (!isolated) return { ...s.serviceEnv };
  const { SOFTHSM2_CONF: _tokenConf, ...rest } = s.serviceEnv;
  return { ...rest, ...isolated.serviceEnv };
}

function describeRootKey(description: string, isolated: IsolatedRootKey | undefined): string {
  return isolated ? `${description} (isolated: p11-kit server pid ${isolated.serverPid ?? '?'})` : description;
}

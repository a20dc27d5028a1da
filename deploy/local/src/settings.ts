import { rootKeySettingsFromEnv, type RootKeySettings } from '@dew/crypto';
import { isAbsolute, join, resolve } from 'node:path';
import { ROOT_KEY_ISOLATIONS, type RootKeyIsolation } from './root-key-isolation.js';

export interface StreamProvisioning {
  /** JetStream replicas of every stream: 1 on one nats-server, 3 in a cluster. */
  readonly replicas: number;
  /** The AUDIT stream's max age: the audit trail's retention. */
  readonly auditRetentionMs: number;
}

/** `make run` settings (README "Settings"); every one has a default, so a bare `make run` works. */
export interface RunnerSettings {
  readonly repoRoot: string;
  readonly dataDir: string;
  readonly httpHost: string;
  readonly httpPort: number;
  readonly natsHost: string;
  readonly natsPort: number;
  readonly rootKeyFile: string;
  readonly rootKeyInDataDir: boolean;
  /** The root key provider (DEW_ROOT_KEY_PROVIDER; file by default, its file being `rootKeyFile`). */
  readonly rootKey: RootKeySettings;
  /** DEW_PKCS11_ISOLATION: p11-kit runs the token's module in a process of its own (none by default). */
  readonly rootKeyIsolation: RootKeyIsolation;
  readonly testClock: boolean;
  readonly natsBinary: string;
  /** DEW_NATS_SYNC: JetStream's fsync interval ("always", "1s"…), nats-server 2.10+; the server's default without. */
  readonly natsSync: string | undefined;
  readonly domainName: string;
  readonly adminUserName: string;
  readonly logLevel: string;
  /** Benchmarks: a baseline route and an echo NATS user (never in production). */
  readonly benchEcho: boolean;
  /** `make bench-profile`: each service writes a V8 CPU profile here when it stops. */
  readonly cpuProfileDir: string | undefined;
  /** Extra environment for every service (scheduler interval and such). */
  readonly serviceEnv: Readonly<Record<string, string>>;
  /** What the runner provisions the streams with (the services read the same variables). */
  readonly streams: StreamProvisioning;
  /** Cluster mode (DEW_CLUSTER=3; docs/architecture.md, "Cluster mode"), or undefined for one nats-server. */
  readonly cluster: ClusterSettings | undefined;
}

/** Three nats-server nodes on loopback ports and two replicas of each service that can have them. */
export interface ClusterSettings {
  /** Each node's client port (DEW_NATS_CLUSTER_PORTS; DEW_NATS_PORT and the next two by default). */
  readonly clientPorts: readonly number[];
  /** Each node's route port (DEW_NATS_ROUTE_PORTS; DEW_NATS_PORT + 10 and the next two by default). */
  readonly routePorts: readonly number[];
  /** Replicas of each replicated service (DEW_SERVICE_REPLICAS, 2 by default). */
  readonly serviceReplicas: number;
}

/** The node count of cluster mode: the smallest JetStream cluster that keeps a quorum with one node down. */
export const CLUSTER_NODES = 3;

type Env = Readonly<Record<string, string | undefined>>;

function port(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number 1..65535, got "${value}"`);
  return n;
}

/** What every service needs to open the same root key as the runner (SOFTHSM2_CONF for SoftHSM). */

const ROOT_KEY_VARIABLES = ['DEW_ROOT_KEY_PROVIDER', 'DEW_ROOT_KEY', 'DEW_PKCS11_MODULE', 'DEW_PKCS11_TOKEN_LABEL', 'DEW_PKCS11_SLOT', 'DEW_PKCS11_PIN', 'DEW_PKCS11_KEY_LABEL', 'SOFTHSM2_CONF'];

function portList(name: string, value: string | undefined, first: number): number[] {
  const ports = value === undefined ? Array.from({ length: CLUSTER_NODES }, (_, i) => String(first + i)) : value.split(',');
  if (ports.length !== CLUSTER_NODES) throw new Error(`${name} must list ${CLUSTER_NODES} ports, got "${value}"`);
  return ports.map((p) => port(name, p.trim()));
}

function clusterFromEnv(env: Env, natsPort: number): ClusterSettings | undefined {
  const nodes = env.DEW_CLUSTER ?? '1';
  if (nodes === '1') return undefined;
  if (nodes !== String(CLUSTER_NODES)) throw new Error(`DEW_CLUSTER must be 1 or ${CLUSTER_NODES}, got "${nodes}"`);
  const replicas = Number(env.DEW_SERVICE_REPLICAS ?? '2');
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 9) throw new Error(`DEW_SERVICE_REPLICAS must be 1..9, got "${env.DEW_SERVICE_REPLICAS}"`);
  return { clientPorts: portList('DEW_NATS_CLUSTER_PORTS', env.DEW_NATS_CLUSTER_PORTS, natsPort), routePorts: portList('DEW_NATS_ROUTE_PORTS', env.DEW_NATS_ROUTE_PORTS, natsPort + 10), serviceReplicas: replicas };
}

/** The connection and in-flight limits of the gateway and the services (docs/input-limits.md, "Connections and work in progress"). */
const LIMIT_VARIABLES = ['DEW_HTTP_MAX_HEADER_BYTES', 'DEW_HTTP_MAX_REQUESTS_PER_SOCKET', 'DEW_HTTP_KEEP_ALIVE_TIMEOUT_MS', 'DEW_HTTP_HEADERS_TIMEOUT_MS', 'DEW_HTTP_REQUEST_TIMEOUT_MS', 'DEW_HTTP_CONNECTION_TIMEOUT_MS', 'DEW_HTTP_MAX_IN_FLIGHT', 'DEW_HTTP_MAX_IN_FLIGHT_PER_CALLER', 'DEW_HTTP_MAX_IN_FLIGHT_UNVERIFIED', 'DEW_SERVICE_MAX_IN_FLIGHT'];

export function runnerSettingsFromEnv(env: Env, repoRoot: string, cwd: string): RunnerSettings {
  const dataDir = resolve(cwd, env.DEW_DATA_DIR ?? './.data');
  const rootKeyFile = env.DEW_ROOT_KEY_FILE ? resolve(cwd, env.DEW_ROOT_KEY_FILE) : join(dataDir, 'root.key');
  const serviceEnv: Record<string, string> = {};
  for (const name of ['DEW_SCHEDULER_INTERVAL_MS', 'DEW_MATERIAL_CACHE_SIZE', 'DEW_KMS_KEY_QUOTA', 'DEW_REGION', 'DEW_TLS_CERT', 'DEW_TLS_KEY', 'DEW_AUDIT_RETENTION_DAYS', 'DEW_TRUSTED_PROXIES', 'DEW_STREAM_REPLICAS', 'DEW_HSM_SUBNET_HOSTS', 'DEW_HSM_NODE_MAIN', 'DEW_HSM_LAUNCH_NODES', 'DEW_HSM_CONTROL_PORT', 'DEW_CSMS_WEBHOOK_ALLOWED_HOSTS', 'DEW_CSMS_NOTIFY_ATTEMPTS', 'DEW_CSMS_NOTIFY_RETRY_MS', 'DEW_CSMS_NOTIFY_TIMEOUT_MS', 'DEW_CSMS_NOTIFY_CONNECT_TIMEOUT_MS', 'DEW_CSMS_NOTIFY_CONCURRENCY', 'DEW_CSMS_NOTIFY_PER_PROJECT', ...LIMIT_VARIABLES, ...ROOT_KEY_VARIABLES]) {
    const value = env[name];
    if (value !== undefined) serviceEnv[name] = value;
  }
  if (env.DEW_PKCS11_PIN_FILE) serviceEnv.DEW_PKCS11_PIN_FILE = resolve(cwd, env.DEW_PKCS11_PIN_FILE);
  const natsPort = port('DEW_NATS_PORT', env.DEW_NATS_PORT ?? '14222');
  const cluster = clusterFromEnv(env, natsPort);
  // In a cluster every stream and KV bucket is R3 unless DEW_STREAM_REPLICAS says otherwise; the services create theirs so too.
  const replicas = env.DEW_STREAM_REPLICAS ?? (cluster ? String(CLUSTER_NODES) : '1');
  serviceEnv.DEW_STREAM_REPLICAS = replicas;
  const rootKey = rootKeySettingsFromEnv({ ...env, DEW_ROOT_KEY_FILE: rootKeyFile, ...serviceEnv }, rootKeyFile);
  return {
    repoRoot,
    dataDir,
    httpHost: env.DEW_HTTP_HOST ?? '127.0.0.1',
    httpPort: port('DEW_HTTP_PORT', env.DEW_HTTP_PORT ?? '8080'),
    natsHost: env.DEW_NATS_HOST ?? '127.0.0.1',
    natsPort: cluster?.clientPorts[0] ?? natsPort,
    rootKeyFile: isAbsolute(rootKeyFile) ? rootKeyFile : resolve(rootKeyFile),
    rootKeyInDataDir: rootKey.provider === 'file' && !env.DEW_ROOT_KEY_FILE,
    rootKey,
    rootKeyIsolation: isolationFromEnv(env),
    testClock: env.DEW_TEST_CLOCK === '1',
    natsBinary: env.DEW_NATS_SERVER_BIN ?? 'nats-server',
    natsSync: env.DEW_NATS_SYNC,
    domainName: env.DEW_ADMIN_DOMAIN ?? 'dew',
    adminUserName: env.DEW_ADMIN_USER ?? 'admin',
    logLevel: env.DEW_LOG_LEVEL ?? 'info',
    benchEcho: env.DEW_BENCH_ECHO === '1',
    cpuProfileDir: env.DEW_CPU_PROFILE_DIR ? resolve(cwd, env.DEW_CPU_PROFILE_DIR) : undefined,
    serviceEnv,
    streams: {
      replicas: Number(replicas),
      auditRetentionMs: Number(env.DEW_AUDIT_RETENTION_DAYS ?? '7') * 86_400_000,
    },
    cluster,
  };
}

function isolationFromEnv(env: Env): RootKeyIsolation {
  const value = env.DEW_PKCS11_ISOLATION ?? 'none';
  const known = ROOT_KEY_ISOLATIONS.find((i) => i === value);
  if (known === undefined) throw new Error(`DEW_PKCS11_ISOLATION must be one of ${ROOT_KEY_ISOLATIONS.join(', ')}, got "${value}"`);
  return known;
}

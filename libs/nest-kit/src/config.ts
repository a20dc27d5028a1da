import { rootKeySettingsFromEnv, type RootKeySettings } from '@dew/crypto';

/** Settings every DEW service process gets; only main.ts reads process.env to fill them. */
export interface ServiceSettings {
  readonly service: string;
  readonly natsUrl: string;
  readonly natsUser?: string;
  readonly natsPass?: string;
  /** The user of the streams connection (no allow_responses); the request user when absent. */
  readonly natsStreamsUser?: string;
  readonly natsStreamsPass?: string;
  readonly dataDir: string;
  readonly testClock: boolean;
  readonly logLevel: string;
  readonly region: string;
  /** JetStream replicas of the streams this service creates: 1 locally, 3 in a NATS cluster. */
  readonly streamReplicas: number;
  /** How long the AUDIT stream keeps records (its max age; 7 days by default). */
  readonly auditRetentionMs: number;
  /** Root key source (DEW_ROOT_KEY_PROVIDER): file, env (a base64 value) or a pkcs11 token. */
  readonly rootKey: RootKeySettings;
  /** How often the runner restarted this service after a crash (DEW_RESTARTS; docs/architecture.md, "Supervision"). */
  readonly restarts: number;
  /** DEW_HEALTH_PORT: the HTTP port of the Kubernetes probes (docs/kubernetes.md, "Probes"); none when absent. */
  readonly healthPort?: number;
  /** Which replica of its service this process is, from 1 (DEW_REPLICA; docs/architecture.md, "Cluster mode"). */
  readonly replica: number;
}

export const SERVICE_SETTINGS = Symbol('SERVICE_SETTINGS');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
/** The connection a service consumes and appends to its streams with (no allow_responses). */
export const STREAMS_CONNECTION = Symbol('STREAMS_CONNECTION');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const PINO = Symbol('PINO');
export const ROOT_KEY = Symbol('ROOT_KEY');

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the common settings from an environment map (main.ts passes process.env). */
export function serviceSettingsFromEnv(service: string, env: Env): ServiceSettings {
  const upper = service.toUpperCase().replace(/-/g, '_');
  const natsUser = env[`DEW_NATS_USER_${upper}`] ?? env.DEW_NATS_USER;
  const natsPass = env[`DEW_NATS_PASS_${upper}`] ?? env.DEW_NATS_PASS;
  return {
    service,
    natsUrl: env.DEW_NATS_URL ?? `nats://127.0.0.1:${env.DEW_NATS_PORT ?? '14222'}`,
    ...(natsUser ? { natsUser } : {}),
    ...(natsPass ? { natsPass } : {}),
    ...(env.DEW_NATS_STREAMS_USER ? { natsStreamsUser: env.DEW_NATS_STREAMS_USER, natsStreamsPass: env.DEW_NATS_STREAMS_PASS ?? '' } : {}),
    dataDir: env.DEW_DATA_DIR ?? './.data',
    testClock: env.DEW_TEST_CLOCK === '1',
    logLevel: env.DEW_LOG_LEVEL ?? 'info',
    region: env.DEW_REGION ?? 'dew-local',
    streamReplicas: Number(env.DEW_STREAM_REPLICAS ?? '1'),
    auditRetentionMs: Number(env.DEW_AUDIT_RETENTION_DAYS ?? '7') * 86_400_000,
    rootKey: rootKeySettingsFromEnv(env, `${env.DEW_DATA_DIR ?? './.data'}/root.key`),
    restarts: countFromEnv(env.DEW_RESTARTS),
    replica: Math.max(1, countFromEnv(env.DEW_REPLICA)),
    ...healthPortFromEnv(env.DEW_HEALTH_PORT),
  };
}

function healthPortFromEnv(value: string | undefined): { healthPort?: number } {
  if (value === undefined || value === '') return {};
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port < 1 || port > 65_535) throw new Error(`DEW_HEALTH_PORT must be a port from 1 to 65535, got ${JSON.stringify(value.slice(0, 40))}`);
  return { healthPort: port };
}

function countFromEnv(value: string | undefined): number {
  const n = Number(value ?? '0');
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

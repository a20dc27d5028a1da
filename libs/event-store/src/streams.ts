import {
  DiscardPolicy, JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType,
  type JetStreamManager, type StreamConfig, type StreamInfo,
} from '@nats-io/jetstream';

export interface EventStreamConfig {
  readonly name: string;
  readonly subjects: readonly string[];
  /** 0 or absent: keep forever. */
  readonly maxAgeMs?: number;
  readonly maxMsgSize?: number;
  /** Window in which a repeated Nats-Msg-Id is recognised; default 2 min (at most maxAgeMs). */
  readonly duplicateWindowMs?: number;
  /** 3 in a production cluster. */
  readonly replicas?: number;
  /**
   * True: change an existing stream to this configuration (the runner provisioning streams). By
   * default a missing stream is created and an existing one left as provisioned: services may not
   * change stream configurations (docs/bus-security.md "Stream configuration").
   */
  readonly update?: boolean;
}

const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;
const NAME_IN_USE = 10058;
const nanos = (ms: number): number => ms * 1_000_000;

/** Creates the file-backed stream, or updates it to `cfg` when asked; a no-op when it already matches. */
export async function ensureStream(jsm: JetStreamManager, cfg: EventStreamConfig): Promise<StreamInfo> {
  const maxAgeMs = cfg.maxAgeMs ?? 0;
  const dupMs = cfg.duplicateWindowMs
    ?? (maxAgeMs > 0 ? Math.min(DEFAULT_DUPLICATE_WINDOW_MS, maxAgeMs) : DEFAULT_DUPLICATE_WINDOW_MS);
  const wanted = {
    name: cfg.name,
    subjects: [...cfg.subjects],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(maxAgeMs),
    max_msg_size: cfg.maxMsgSize ?? -1,
    duplicate_window: nanos(dupMs),
    num_replicas: cfg.replicas ?? 1,
  } satisfies Partial<StreamConfig>;

  let current: StreamInfo | undefined;
  try {
    current = await jsm.streams.info(cfg.name);
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
  }
  if (current === undefined) {
    try {
      return await jsm.streams.add(wanted);
    } catch (err) {
      // Another instance created it first; fall through to compare and update.
      if (!(err instanceof JetStreamApiError && err.code === NAME_IN_USE)) throw err;
      current = await jsm.streams.info(cfg.name);
    }
  }
  if (current.config.storage !== StorageType.File) {
    throw new Error(`stream ${cfg.name} exists with ${current.config.storage} storage; event streams must be file-backed`);
  }
  if (matches(current.config, wanted) || cfg.update !== true) return current;
  return jsm.streams.update(cfg.name, { ...current.config, ...wanted });
}

function matches(have: StreamConfig, want: Partial<StreamConfig>): boolean {
  return Object.entries(want).every(([key, value]) => {
    const actual = (have as unknown as Record<string, unknown>)[key];
    return Array.isArray(value)
      ? Array.isArray(actual) && actual.length === value.length && value.every((v, i) => actual[i] === v)
      : actual === value;
  });
}

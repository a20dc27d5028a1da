import { execFileSync } from 'node:child_process';

/** The version a nats-server binary reports (`nats-server --version`: "nats-server: v2.9.10"). */
export function natsServerVersion(binary = 'nats-server'): string {
  const out = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /v?(\d+\.\d+\.\d+)/.exec(out);
  if (!match?.[1]) throw new Error(`${binary} --version printed no version: ${out.trim().slice(0, 100)}`);
  return match[1];
}

/**
 * JetStream's `sync_interval` came with nats-server 2.10 (2.9 refuses the field: "unknown field");
 * 2.10.20–2.10.22 could lose a whole stream after a process crash, fixed in 2.10.23.
 */
const SYNC_INTERVAL_SINCE = [2, 10, 23] as const;

/** The one accepted spelling of a sync interval: "always" or a whole duration in ms, s, m or h. */
const SYNC_INTERVAL = /^(always|[1-9]\d*(ms|s|m|h))$/;

/**
 * Why `syncInterval` cannot be used with a server of `version`, or null when it can: a value that is
 * neither "always" nor a duration, or a server older than 2.10.
 */
export function syncIntervalRefusal(syncInterval: string, version: string): string | null {
  if (!SYNC_INTERVAL.test(syncInterval)) return `DEW_NATS_SYNC must be "always" or a duration such as 1s or 500ms, got "${syncInterval}"`;
  if (atLeast(version, SYNC_INTERVAL_SINCE)) return null;
  return `DEW_NATS_SYNC=${syncInterval} needs nats-server ${SYNC_INTERVAL_SINCE.join('.')} or later (JetStream's sync_interval; 2.10.20–2.10.22 could lose a stream after a crash); this nats-server is ${version} (set DEW_NATS_SERVER_BIN to a newer one: docs/architecture.md, "Durability")`;
}

/** The first release that refuses a second concurrent publish with the same expected last subject sequence in a clustered stream. */
const SERIAL_EXPECTED_SEQUENCE_SINCE = [2, 9, 21] as const;

const atLeast = (version: string, want: readonly number[]): boolean => {
  const have = version.split('.').map(Number);
  return want.reduceRight<boolean>((rest, w, i) => (have[i] ?? 0) > w || ((have[i] ?? 0) === w && rest), true);
};

/**
 * What a cluster on this nats-server must be warned of, or null: before 2.9.21 a clustered stream
 * can store two appends that expected the same last subject sequence (nats-io/nats-server#4320),
 * so two replicas' commands decided on one state may both be stored (docs/architecture.md,
 * "Cluster mode").
 */
export function clusterConcurrencyWarning(version: string): string | null {
  if (atLeast(version, SERIAL_EXPECTED_SEQUENCE_SINCE)) return null;
  return `nats-server ${version} can store two concurrent writes that expected the same stream position in a cluster (fixed in ${SERIAL_EXPECTED_SEQUENCE_SINCE.join('.')}): two replicas' commands decided on one state may both be stored — a duplicated id, a quota passed by one. Use nats-server ${SERIAL_EXPECTED_SEQUENCE_SINCE.join('.')} or later for a cluster (DEW_NATS_SERVER_BIN; "make run-cluster" fetches one with tools/cluster-nats-server.sh); docs/architecture.md, "Cluster mode"`;
}

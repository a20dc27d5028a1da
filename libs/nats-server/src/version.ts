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
  const have = version.split('.').map(Number);
  const newEnough = SYNC_INTERVAL_SINCE.reduceRight<boolean>((rest, want, i) => (have[i] ?? 0) > want || ((have[i] ?? 0) === want && rest), true);
  if (newEnough) return null;
  return `DEW_NATS_SYNC=${syncInterval} needs nats-server ${SYNC_INTERVAL_SINCE.join('.')} or later (JetStream's sync_interval; 2.10.20–2.10.22 could lose a stream after a crash); this nats-server is ${version} (set DEW_NATS_SERVER_BIN to a newer one: docs/architecture.md, "Durability")`;
}

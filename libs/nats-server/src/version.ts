import { execFileSync } from 'node:child_process';

/** The version a nats-server binary reports (`nats-server --version`: "nats-server: v2.9.10"). */
export function natsServerVersion(binary = 'nats-server'): string {
  const out = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /v?(\d+\.\d+\.\d+)/.exec(out);
  if (!match?.[1]) throw new Error(`${binary} --version printed no version: ${out.trim().slice(0, 100)}`);
  return match[1];
}

/** JetStream's `sync_interval` came with nats-server 2.10; 2.9 refuses the field ("unknown field"). */
const SYNC_INTERVAL_SINCE = [2, 10] as const;

/** The one accepted spelling of a sync interval: "always" or a whole duration in ms, s, m or h. */
const SYNC_INTERVAL = /^(always|[1-9]\d*(ms|s|m|h))$/;

/**
 * Why `syncInterval` cannot be used with a server of `version`, or null when it can: a value that is
 * neither "always" nor a duration, or a server older than 2.10.
 */
export function syncIntervalRefusal(syncInterval: string, version: string): string | null {
  if (!SYNC_INTERVAL.test(syncInterval)) return `DEW_NATS_SYNC must be "always" or a duration such as 1s or 500ms, got "${syncInterval}"`;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [wantMajor, wantMinor] = SYNC_INTERVAL_SINCE;
  if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) return null;
  return `DEW_NATS_SYNC=${syncInterval} needs nats-server ${wantMajor}.${wantMinor} or later (JetStream's sync_interval); this nats-server is ${version} (set DEW_NATS_SERVER_BIN to a newer one, or run the three-node cluster: docs/architecture.md, "Durability")`;
}

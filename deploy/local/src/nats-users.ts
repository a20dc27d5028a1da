import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsUserConfig } from '@dew/nats-server';
import { backupPermissions, gatewayPermissions, replayPermissions, runnerPermissions, servicePermissions, serviceStreamsPermissions, streamsUserOf, type SubjectPermissions } from '@dew/messaging';

export type NatsPasswords = Readonly<Record<string, string>>;

/** One NATS user per process, passwords generated once and kept 0600 under the data dir. */
export function loadOrCreatePasswords(file: string, users: readonly string[]): NatsPasswords {
  const existing: Record<string, string> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  let changed = false;
  for (const user of users) {
    if (!existing[user]) {
      existing[user] = randomBytes(24).toString('base64url');
      changed = true;
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(existing, null, 2), { mode: 0o600 });
  return existing;
}

function toUser(user: string, password: string, p: SubjectPermissions): NatsUserConfig {
  return {
    user,
    password,
    publish: { ...(p.publish.allow.length > 0 ? { allow: [...p.publish.allow] } : {}), ...(p.publish.deny ? { deny: [...p.publish.deny] } : {}) },
    subscribe: { allow: [...p.subscribe.allow] },
    ...(p.allowResponses ? { allowResponses: true } : {}),
  };
}

/** Benchmarks only (DEW_BENCH_ECHO=1): an echo responder the gateway's baseline route calls; it only answers. */
const benchEcho: SubjectPermissions = { publish: { allow: [], deny: ['>'] }, subscribe: { allow: ['bench.echo'] }, allowResponses: true };

/**
 * Benchmarks only: the two processes of `bench/reference-echo/` (a stock Nest app, not DEW's code)
 * on the same nats-server — the HTTP side asks `bench.reference.echo` and reads its own inbox, the
 * echo side answers it.
 */
export const REFERENCE_ECHO_USERS = ['bench-ref-http', 'bench-ref-echo'] as const;
const [refHttp, refEcho] = REFERENCE_ECHO_USERS;
const referenceHttp: SubjectPermissions = { publish: { allow: ['bench.reference.echo'] }, subscribe: { allow: ['_INBOX.bench-ref-http.>'] }, allowResponses: false };
const referenceEcho: SubjectPermissions = { publish: { allow: [], deny: ['>'] }, subscribe: { allow: ['bench.reference.echo'] }, allowResponses: true };

/** `backup`: the backup user's grant, `restorePermissions` only on the nats-server `dew restore` starts alone. */
export function natsUsers(services: readonly string[], passwords: NatsPasswords, bench = false, backup: SubjectPermissions = backupPermissions): NatsUserConfig[] {
  const pass = (u: string) => {
    const p = passwords[u];
    if (!p) throw new Error(`no NATS password for ${u}`);
    return p;
  };
  const gateway: SubjectPermissions = bench
    ? { ...gatewayPermissions, publish: { ...gatewayPermissions.publish, allow: [...gatewayPermissions.publish.allow, 'bench.echo'] } }
    : gatewayPermissions;
  return [
    ...(bench
      ? [toUser('bench', pass('bench'), benchEcho), toUser(refHttp, pass(refHttp), referenceHttp), toUser(refEcho, pass(refEcho), referenceEcho)]
      : []),
    toUser('gateway', pass('gateway'), gateway),
    toUser('runner', pass('runner'), runnerPermissions),
    toUser('replay', pass('replay'), replayPermissions),
    toUser('backup', pass('backup'), backup),
    ...services.flatMap((s) => [toUser(s, pass(s), servicePermissions(s)), toUser(streamsUserOf(s), pass(streamsUserOf(s)), serviceStreamsPermissions(s))]),
  ];
}

/** The environment variable holding a NATS user's password in Kubernetes (a Secret). */
export const passwordEnvVar = (user: string): string => `DEW_NATS_PASS_${user.toUpperCase().replace(/-/g, '_')}`;

/**
 * The password of a NATS user for a command run beside the system: `DEW_NATS_PASS_<USER>` (a
 * Kubernetes Secret), else the one `make run` generated under the data dir.
 */
export function natsPasswordFor(user: string, dataDir: string, env: Readonly<Record<string, string | undefined>>): string {
  const file = join(dataDir, 'nats', 'users.json');
  const pass = env[passwordEnvVar(user)] ?? (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[user] : undefined);
  if (!pass) throw new Error(`no password for the NATS user "${user}" in ${file}; start the system once with this version`);
  return pass;
}

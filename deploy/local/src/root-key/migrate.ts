import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRootKey, rootKeySettingsFromEnv, TOKEN_WRAP_VERSION, type OpenedRootKey, type RootKeySettings, type VersionedRootKey } from '@dew/crypto';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { JetStreamEventStore } from '@dew/event-store';
import { connectNats, streams, streamsUserOf } from '@dew/messaging';
import { isProcessAlive, startNatsServer } from '@dew/nats-server';
import { migrationRewrap, progressFor, readRootKeyRing, rewrapAccessKeySecrets, rewrapKeyringStream, rewrapSealedFiles, summary, type Progress, type Rewrap, type StepCount } from '@dew/root-key';
import { liveVersions, rotationInProgress } from '@dew/root-key-domain';
import { natsPasswordFor } from '../nats-users.js';
import type { RunnerSettings } from '../settings.js';

type Env = Readonly<Record<string, string | undefined>>;
export type MigrationTarget = 'pkcs11' | 'file';

export interface MigrateOptions {
  readonly to: MigrationTarget;
  /** Re-wrap at most this many blobs, then stop (a batch; the next run continues). */
  readonly limit: number;
}

/** `dew root-key migrate --to pkcs11|file [--limit N]`. */
export function parseMigrateArgs(args: readonly string[]): MigrateOptions {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i < 0 ? undefined : args[i + 1];
  };
  const to = value('--to');
  if (args[0] !== 'migrate' || (to !== 'pkcs11' && to !== 'file')) throw new Error('usage: dew root-key migrate --to pkcs11|file [--limit N]');
  const limit = value('--limit');
  if (limit !== undefined && !/^[1-9]\d{0,8}$/.test(limit)) throw new Error(`--limit must be a positive whole number, got "${limit}"`);
  return { to, limit: limit === undefined ? Number.MAX_SAFE_INTEGER : Number(limit) };
}

/** The file key and the token key from the environment, whichever DEW_ROOT_KEY_PROVIDER says. */
function endpoints(s: RunnerSettings, env: Env, to: MigrationTarget): { from: RootKeySettings; into: RootKeySettings } {
  const file: RootKeySettings = { provider: 'file', file: s.rootKeyFile };
  const token = rootKeySettingsFromEnv({ ...env, DEW_ROOT_KEY_PROVIDER: 'pkcs11' }, s.rootKeyFile);
  return to === 'pkcs11' ? { from: file, into: token } : { from: token, into: file };
}

function versionsOf(k: OpenedRootKey): VersionedRootKey {
  if (!k.versioned) throw new Error(`${k.provider.description} has no versions; migrate between the file and pkcs11 providers`);
  return k.versioned;
}

/** A blob keeps its version across providers, so every live version must be one: no rotation half done. */
async function refuseDuringRotation(url: string, s: RunnerSettings, env: Env): Promise<void> {
  const nc = await connectNats({ servers: url, user: 'runner', pass: natsPasswordFor('runner', s.dataDir, env), name: 'dew-root-key-migrate' });
  try {
    // A data dir from before rotation existed has no ROOT_KEY stream: nothing is rotating. Any other
    // failure to read the ring stops the migration (it must not run beside a rotation).
    const { ring } = await readRootKeyRing(new JetStreamEventStore(nc)).catch((err: unknown) => {
      if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return { ring: undefined };
      throw new Error(`cannot read the root key ring to check for a rotation in progress: ${(err as Error).message}`);
    });
    if (ring && rotationInProgress(ring)) throw new Error(`a root key rotation is in progress (live versions ${liveVersions(ring).join(', ')}); start DEW, let it finish (dew root-key status), then migrate`);
  } finally {
    await nc.close();
  }
}

export function refuseWhileRunning(natsDir: string): void {
  const pidFile = join(natsDir, 'nats-server.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!isProcessAlive(pid)) return;
  throw new Error(`DEW is running on ${natsDir} (nats-server pid ${pid}); stop it before migrating the root key`);
}

/**
 * Re-wraps everything the root key wraps — every keyring entry, every access key's SK, the HSM
 * service's sealed files — from the current provider to `to`, with the system stopped
 * (docs/architecture.md, "Root of trust"): it starts the data dir's nats-server alone and writes
 * as each owning service's streams user. Resumable: a blob already in the target format is skipped.
 * Each blob keeps its root key version; the target key of that version is created when absent.
 */
export async function migrateRootKey(s: RunnerSettings, env: Env, o: MigrateOptions, progress: Progress = progressFor(process.stderr)): Promise<Record<string, StepCount>> {
  const natsDir = join(s.dataDir, 'nats');
  const configPath = join(natsDir, 'nats.conf');
  if (!existsSync(configPath)) throw new Error(`no DEW data in ${s.dataDir}: nothing to migrate`);
  refuseWhileRunning(natsDir);
  const { from, into } = endpoints(s, env, o.to);
  const opened: OpenedRootKey[] = [];
  const nats = await startNatsServer({ configPath, logFile: join(s.dataDir, 'logs', 'nats-server.log'), binary: s.natsBinary });
  try {
    const url = `nats://${s.natsHost}:${s.natsPort}`;
    await refuseDuringRotation(url, s, env);
    opened.push(openRootKey(from, false), openRootKey(into, true));
    const [source, target] = opened.map(versionsOf) as [VersionedRootKey, VersionedRootKey];
    const r: Rewrap = migrationRewrap(source, target, o.to === 'pkcs11' ? TOKEN_WRAP_VERSION : 0x01, { budget: { left: o.limit }, progress });
    const report: Record<string, StepCount> = {};
    for (const stream of Object.values(streams).filter((x) => x.name.startsWith('KEYRING_'))) {
      const prefix = stream.subjects[0]?.slice(0, -1) ?? '';
      const user = streamsUserOf(prefix.split('.')[1] ?? '');
      const nc = await connectNats({ servers: url, user, pass: natsPasswordFor(user, s.dataDir, env), name: 'dew-root-key-migrate' });
      try {
        progress.done(summary((report[stream.name] = await rewrapKeyringStream(nc, stream.name, prefix, r))));
        if (stream.name === streams.iamKeyring.name) progress.done(summary((report.ACCESS_KEYS = await rewrapAccessKeySecrets(nc, r))));
      } finally {
        await nc.close();
      }
    }
    progress.done(summary((report.HSM_SEALED_FILES = await rewrapSealedFiles(s.dataDir, r))));
    return report;
  } finally {
    for (const k of opened) k.close();
    await nats.stop();
  }
}

import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { openRootKey } from '@dew/crypto';
import { findFreePort, startNatsServer } from '@dew/nats-server';
import { restorePermissions } from '@dew/messaging';
import type { StreamState } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { loadOrCreatePasswords, natsUsers } from '../nats-users.js';
import { natsNodes, natsSyncRefusal, ROUTE_USER } from '../nats-nodes.js';
import { natsUserNames, SERVICES } from '../system.js';
import type { RunnerSettings } from '../settings.js';
import { readManifest, verifyFiles, type Manifest, type StreamEntry } from './manifest.js';
import { placeDataDirFiles } from './data-dir-files.js';
import { checkRootKey, placeIncludedKeyFiles } from './root-key-reference.js';
import { restoreStream } from './stream-snapshot.js';
import { formatBytes, type TransferProgress } from './progress.js';
import { connectAsBackup, type Env } from './connection.js';

/** Why a restore will not go into this data dir (exit code 4); nothing was changed. */
export class RestoreRefused extends Error {}

/** The data dir may hold the file root key (its default place) and nothing else. */
function refuseNonEmpty(s: RunnerSettings): void {
  if (!existsSync(s.dataDir)) return;
  const keyName = s.rootKey.provider === 'file' && dirname(resolve(s.rootKey.file)) === s.dataDir ? basename(s.rootKey.file) : undefined;
  const isKeyFile = (name: string) => keyName !== undefined && (name === keyName || new RegExp(`^${keyName.replace(/\./g, '\\.')}\\.v\\d+$`).test(name));
  const others = readdirSync(s.dataDir).filter((name) => !isKeyFile(name));
  if (others.length > 0) {
    throw new RestoreRefused(`the data dir ${s.dataDir} is not empty (${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''}); a restore goes into an empty data dir (the root key file may stay): move this one aside or set DEW_DATA_DIR`);
  }
}

async function restoreOne(nc: NatsConnection, source: string, e: StreamEntry, replicas: number, progress: TransferProgress): Promise<StreamState> {
  const config = { ...e.config, num_replicas: replicas };
  const chunks = createReadStream(join(source, e.path), { highWaterMark: 128 * 1024 }) as AsyncIterable<Buffer>;
  const state = await restoreStream(nc, { config, state: e.cut }, chunks, (bytes) => progress.bytes(bytes));
  // A snapshot may hold a few messages appended while it was read: never fewer than its cut. Its
  // messages keep their timestamps, so in a stream with a max age (AUDIT, the KV buckets' TTLs)
  // those past it expire at once, moving the first sequence on. A stream never written to says
  // first 0 when snapshotted and 1 when restored: both mean "empty".
  const firstMoved = e.cut.last_seq > 0 && (state.first_seq < e.cut.first_seq || (state.first_seq > e.cut.first_seq && !(e.config.max_age > 0)));
  if (state.last_seq < e.cut.last_seq || firstMoved) {
    throw new Error(`stream ${e.name} restored as sequences ${state.first_seq}..${state.last_seq}, the backup's cut is ${e.cut.first_seq}..${e.cut.last_seq}`);
  }
  return state;
}

/** Starts the data dir's nats-server alone, with the restore grant, and restores every stream. */
async function restoreStreams(s: RunnerSettings, env: Env, source: string, m: Manifest, progress: TransferProgress): Promise<number> {
  const natsDir = join(s.dataDir, 'nats');
  for (const dir of [s.dataDir, natsDir, join(s.dataDir, 'logs')]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const passwords = loadOrCreatePasswords(join(natsDir, 'users.json'), natsUserNames());
  // On a port of its own: the system it restores for may be running beside it. `dew run` rewrites the config.
  const [node] = natsNodes({ ...s, natsPort: await findFreePort(s.natsHost) }, natsDir, natsUsers(SERVICES, passwords, false, restorePermissions), passwords[ROUTE_USER] ?? '');
  if (!node) throw new Error('no nats-server node to restore into');
  const nats = await startNatsServer({ configPath: node.configPath, logFile: join(s.dataDir, 'logs', 'nats-server.log'), binary: s.natsBinary });
  try {
    const nc = await connectAsBackup(s, env, node.url);
    try {
      let messages = 0;
      for (const [i, e] of m.streams.entries()) {
        progress.stream(i + 1, m.streams.length, e.name, e.cut.messages);
        const state = await restoreOne(nc, source, e, s.streams.replicas, progress);
        progress.streamDone(e.bytes, state.messages);
        messages += state.messages;
      }
      return messages;
    } finally {
      await nc.close();
    }
  } finally {
    await nats.stop();
  }
}

/**
 * `dew restore <backup dir>` into an empty data dir (docs/backup.md, "Restoring"): checks every
 * digest and the root key first — a corrupt, foreign or wrong-version backup, a non-empty data
 * dir or another root key is refused with nothing changed — then restores each stream from its
 * snapshot (same sequences, subjects, headers, timestamps, gaps) and the data dir's HSM files.
 * A failure after that point removes what the restore wrote, leaving the data dir as it was.
 */
export async function restore(s: RunnerSettings, env: Env, sourceDir: string, progress: TransferProgress): Promise<void> {
  const started = Date.now();
  // The config the restore writes is the one `dew run` starts: refused here, before anything is written.
  const syncRefusal = natsSyncRefusal(s);
  if (syncRefusal) throw new RestoreRefused(syncRefusal);
  const source = resolve(sourceDir);
  const m = readManifest(source);
  progress.line(`backup of DEW ${m.dewVersion} (nats-server ${m.natsServerVersion}) taken ${m.createdAt} (${m.mode}): ${m.streams.length} streams, ${m.files.length} data dir files`);
  await verifyFiles(source, m);
  progress.line('every file matches its SHA-256');
  if (s.cluster) throw new RestoreRefused('restore into a single-node data dir (DEW_CLUSTER=1); docs/backup.md says how to move it into a cluster');
  refuseNonEmpty(s);
  const existed = existsSync(s.dataDir);
  const before = new Set(existed ? readdirSync(s.dataDir) : []);
  const placedKeys: string[] = [];
  const undo = () => {
    for (const name of existsSync(s.dataDir) ? readdirSync(s.dataDir) : []) if (!before.has(name)) rmSync(join(s.dataDir, name), { recursive: true, force: true });
    for (const file of placedKeys) rmSync(file, { force: true });
    if (!existed) rmSync(s.dataDir, { recursive: true, force: true });
  };
  try {
    placedKeys.push(...placeIncludedKeyFiles(m.rootKey, s.rootKey, source));
    await checkRootKey(m.rootKey, s.rootKey, () => openRootKey(s.rootKey, false)).catch((err: unknown) => {
      throw new RestoreRefused((err as Error).message);
    });
    if (m.rootKey.canaries.length === 0) progress.line('warning: the backup could not check its root key when taken; make sure DEW is configured with the same root key');
    const messages = await restoreStreams(s, env, source, m, progress);
    placeDataDirFiles(m.files, source, s.dataDir);
    const bytes = m.streams.reduce((n, e) => n + e.bytes, 0);
    progress.line(`restore complete: ${m.streams.length} streams, ${messages} messages, ${formatBytes(bytes)} of snapshots into ${s.dataDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    progress.line('start DEW on it (dew run). The administrator credentials file is not in a backup: keep the one you have; every access key of the backup works again.');
  } catch (err) {
    undo();
    throw err;
  }
}

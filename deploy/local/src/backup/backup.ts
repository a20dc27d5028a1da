import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { openRootKey, type OpenedRootKey } from '@dew/crypto';
import { JetStreamEventStore } from '@dew/event-store';
import { inboxPrefixOf, kvBuckets, streams } from '@dew/messaging';
import { readRootKeyRing } from '@dew/root-key';
import { liveVersions, rotationInProgress, type RootKeyRing } from '@dew/root-key-domain';
import type { RunnerSettings } from '../settings.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, writeManifest, type Manifest, type StreamEntry } from './manifest.js';
import { copyDataDirFiles, totalBytes } from './data-dir-files.js';
import { includeRootKeyFiles, rootKeyReference } from './root-key-reference.js';
import { snapshotStream } from './stream-snapshot.js';
import { formatBytes, type TransferProgress } from './progress.js';
import { BACKUP_USER, withBackupConnection, type Env } from './connection.js';

export interface BackupOptions {
  readonly target: string;
  /** Copies the file root key into the backup: secret material (docs/backup.md, "The root key"). */
  readonly includeRootKey: boolean;
}

/**
 * The order streams are snapshotted in, so that what one stream's messages point at is in the
 * backup (docs/backup.md, "Consistency"): events before the keyrings (an event's keyring entry is
 * written before the event), keyrings before the ROOT_KEY ring (an entry's root key version is in
 * the ring before anything is wrapped with it), AUDIT after the events it records.
 */
const STREAM_ORDER = ['EVT_', 'HSM_MIRROR', 'KEYRING_', 'KV_', 'AUDIT', 'ROOT_KEY'];
const rank = (name: string): number => STREAM_ORDER.findIndex((prefix) => name.startsWith(prefix));

/** Every stream and KV bucket DEW provisions (provision-streams.ts), in snapshot order. */
export function backedUpStreams(): string[] {
  const names = [...Object.values(streams).map((s) => s.name), ...Object.values(kvBuckets).map((b) => `KV_${b.name}`)];
  return names.map((name, i) => ({ name, i })).sort((a, b) => rank(a.name) - rank(b.name) || a.i - b.i).map((x) => x.name);
}

export function dewVersion(repoRoot: string): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

async function ringNow(nc: NatsConnection): Promise<{ ring: RootKeyRing; sequence: number }> {
  return readRootKeyRing(new JetStreamEventStore(nc));
}

/** Writes one stream's snapshot to `<dir>/streams/<name>.snapshot`, hashing it as it goes. */
async function snapshotToFile(nc: NatsConnection, jsm: JetStreamManager, name: string, dir: string, progress: TransferProgress, place: [number, number]): Promise<StreamEntry> {
  const path = `streams/${name}.snapshot`;
  const fd = openSync(join(dir, path), 'wx', 0o600);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    progress.stream(place[0], place[1], name, (await jsm.streams.info(name)).state.messages);
    const cut = await snapshotStream(nc, name, inboxPrefixOf(BACKUP_USER), (chunk) => {
      writeSync(fd, chunk);
      hash.update(chunk);
      bytes += chunk.length;
      progress.bytes(bytes);
    });
    progress.streamDone(bytes, cut.state.messages);
    return { name, path, bytes, sha256: hash.digest('hex'), config: cut.config, cut: cut.state };
  } finally {
    closeSync(fd);
  }
}

function openKeyQuietly(s: RunnerSettings, progress: TransferProgress): OpenedRootKey | undefined {
  try {
    return openRootKey(s.rootKey, false);
  } catch (err) {
    progress.line(`warning: cannot open the root key here (${(err as Error).message}); the backup names it but a restore cannot check it is the same key`);
    return undefined;
  }
}

/**
 * `dew backup <dir>`: every stream and KV bucket as JetStream snapshots, the data dir's HSM files
 * and the root key's reference, with a manifest (docs/backup.md). Written to `<dir>.partial` and
 * renamed when complete, so `<dir>` is only ever a whole backup. Returns the manifest.
 */
export async function backup(s: RunnerSettings, env: Env, o: BackupOptions, progress: TransferProgress): Promise<Manifest> {
  const target = resolve(o.target);
  if (existsSync(target)) throw new Error(`${target} exists; a backup goes to a new directory`);
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'streams'), { recursive: true, mode: 0o700 });
  const started = Date.now();
  try {
    const manifest = await withBackupConnection(s, env, progress, async (nc, mode) => {
      const before = await ringNow(nc);
      if (before.sequence > 0 && rotationInProgress(before.ring)) {
        throw new Error(`a root key rotation is in progress (live versions ${liveVersions(before.ring).join(', ')}); let it finish (dew root-key status), then back up`);
      }
      const names = backedUpStreams();
      const jsm = await jetstreamManager(nc, { checkAPI: false });
      const entries: StreamEntry[] = [];
      for (const [i, name] of names.entries()) entries.push(await snapshotToFile(nc, jsm, name, partial, progress, [i + 1, names.length]));
      const ringCut = entries.find((e) => e.name === streams.rootKey.name)?.cut.last_seq ?? 0;
      if (ringCut !== before.sequence) throw new Error('the root key ring changed during the backup (a rotation began); take the backup again once it has finished');
      const files = copyDataDirFiles(s.dataDir, partial);
      const key = openKeyQuietly(s, progress);
      try {
        const reference = await rootKeyReference(s.rootKey, key, before.sequence > 0 ? before.ring : undefined);
        const includedFiles = o.includeRootKey && key ? await includeRootKeyFiles(s.rootKey, key, partial) : undefined;
        if (o.includeRootKey && !key) throw new Error('--include-root-key: the root key cannot be opened here');
        return {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          dewVersion: dewVersion(s.repoRoot),
          natsServerVersion: nc.info?.version ?? 'unknown',
          createdAt: new Date(started).toISOString(),
          mode,
          streams: entries,
          files,
          rootKey: { ...reference, ...(includedFiles ? { includedFiles } : {}) },
        } satisfies Manifest;
      } finally {
        key?.close();
      }
    });
    writeManifest(partial, manifest);
    renameSync(partial, target);
    const messages = manifest.streams.reduce((n, e) => n + e.cut.messages, 0);
    const bytes = totalBytes(manifest.streams) + totalBytes(manifest.files);
    progress.line(`backup complete: ${manifest.streams.length} streams, ${messages} messages, ${manifest.files.length} data dir files, ${formatBytes(bytes)} in ${((Date.now() - started) / 1000).toFixed(1)} s -> ${target}`);
    if (manifest.rootKey.includedFiles) {
      progress.line(`WARNING: this backup CONTAINS THE ROOT KEY (${manifest.rootKey.includedFiles.map((f) => f.path).join(', ')}). Anyone holding it can decrypt every key and secret in it: keep it apart, encrypted, access-controlled — or delete ${join(target, 'root-key')}.`);
    } else {
      progress.line(`the root key is NOT in the backup: a restore needs the same root key (${manifest.rootKey.provider}${manifest.rootKey.file ? ` ${manifest.rootKey.file}` : ''}).`);
    }
    return manifest;
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

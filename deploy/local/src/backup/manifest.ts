import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamConfig, StreamState } from '@nats-io/jetstream';
import type { RootKeyReference } from './root-key-reference.js';
import { sha256Of, sha256OfFile, type BackupFile } from './backup-file.js';

/** The layout a backup directory follows (docs/backup.md, "What a backup holds"); a reader refuses any other. */
export const BACKUP_FORMAT = 'dew-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
/** The manifest's own SHA-256: a flipped byte in the manifest is found like one in any file. */
export const MANIFEST_DIGEST_FILE = 'manifest.json.sha256';

export interface StreamEntry extends BackupFile {
  readonly name: string;
  readonly config: StreamConfig;
  /** The stream's state when its snapshot began: its messages up to `last_seq` are in the file. */
  readonly cut: StreamState;
}

export interface Manifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: number;
  readonly dewVersion: string;
  readonly natsServerVersion: string;
  readonly createdAt: string;
  /** online: taken from the running system; offline: DEW stopped, its nats-server started alone. */
  readonly mode: 'online' | 'offline';
  readonly streams: readonly StreamEntry[];
  /** Files of the data dir beside the streams (the Dedicated HSM nodes' tokens and sealed files). */
  readonly files: readonly BackupFile[];
  readonly rootKey: RootKeyReference;
}

/** Why a backup is refused before anything changes (exit code 3). */
export class InvalidBackup extends Error {}

export function writeManifest(dir: string, m: Manifest): void {
  const text = `${JSON.stringify(m, null, 2)}\n`;
  writeFileSync(join(dir, MANIFEST_FILE), text, { mode: 0o600 });
  writeFileSync(join(dir, MANIFEST_DIGEST_FILE), `${sha256Of(Buffer.from(text))}  ${MANIFEST_FILE}\n`, { mode: 0o600 });
}

/** Reads the manifest, checking its digest, format and version (no file of the backup is read yet). */
export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST_FILE);
  const digestPath = join(dir, MANIFEST_DIGEST_FILE);
  if (!existsSync(path) || !existsSync(digestPath)) throw new InvalidBackup(`${dir} is not a DEW backup: ${MANIFEST_FILE} or ${MANIFEST_DIGEST_FILE} is missing`);
  const text = readFileSync(path);
  const expected = readFileSync(digestPath, 'utf8').split(/\s/)[0] ?? '';
  const actual = sha256Of(text);
  if (actual !== expected) throw new InvalidBackup(`${MANIFEST_FILE} is corrupt: its SHA-256 is ${actual}, ${MANIFEST_DIGEST_FILE} says ${expected}`);
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(text.toString('utf8')) as Partial<Manifest>;
  } catch (err) {
    throw new InvalidBackup(`${MANIFEST_FILE} is not JSON: ${(err as Error).message}`);
  }
  if (m.format !== BACKUP_FORMAT) throw new InvalidBackup(`${dir} is not a DEW backup (format "${String(m.format)}", expected "${BACKUP_FORMAT}")`);
  if (m.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new InvalidBackup(`backup format version ${String(m.formatVersion)} (written by DEW ${String(m.dewVersion)}) is not the version this DEW reads (${BACKUP_FORMAT_VERSION})`);
  }
  if (!Array.isArray(m.streams) || !Array.isArray(m.files) || m.rootKey === undefined) throw new InvalidBackup(`${MANIFEST_FILE} lacks streams, files or rootKey`);
  refuseUnexpectedPaths(m as Manifest);
  return m as Manifest;
}

/** One path segment: no separator, not `.` or `..`, nothing a shell or a join would read otherwise. */
const SEGMENT = '[A-Za-z0-9_][A-Za-z0-9_.#-]*';
/**
 * Where each kind of file may be, in the backup and so where a restore writes it: a stream's
 * snapshot, a file of the data dir's `hsm/` tree, a root key file in `root-key/`. The manifest's
 * digest proves only that whoever wrote the backup wrote the manifest too, so a name from it is
 * never trusted as a path (docs/backup.md, "What a restore refuses").
 */
const EXPECTED_PATH = {
  stream: new RegExp(`^streams/${SEGMENT}\\.snapshot$`),
  file: new RegExp(`^files/hsm(?:/${SEGMENT})+$`),
  rootKey: new RegExp(`^root-key/${SEGMENT}$`),
} as const;

function refuseUnexpectedPaths(m: Manifest): void {
  const check = (kind: keyof typeof EXPECTED_PATH, path: unknown) => {
    if (typeof path !== 'string' || !EXPECTED_PATH[kind].test(path) || path.split('/').some((part) => part === '.' || part === '..')) {
      throw new InvalidBackup(`${MANIFEST_FILE} names a ${kind} file at ${JSON.stringify(path)}, where none may be (expected ${EXPECTED_PATH[kind].source})`);
    }
  };
  for (const s of m.streams) check('stream', s.path);
  for (const f of m.files) check('file', f.path);
  for (const f of m.rootKey.includedFiles ?? []) {
    check('rootKey', f.path);
    if (f.path !== `root-key/${f.name}`) throw new InvalidBackup(`${MANIFEST_FILE} names root key file ${JSON.stringify(f.name)} at ${f.path}`);
  }
}

/** Checks every file the manifest lists against its size and SHA-256; `onFile` after each. */
export async function verifyFiles(dir: string, m: Manifest, onFile: (f: BackupFile) => void = () => undefined): Promise<void> {
  const all: BackupFile[] = [...m.streams, ...m.files, ...(m.rootKey.includedFiles ?? [])];
  for (const f of all) {
    if (f.path.split('/').some((part) => part === '..' || part === '')) throw new InvalidBackup(`${MANIFEST_FILE} names a path outside the backup: ${f.path}`);
    const path = join(dir, f.path);
    if (!existsSync(path)) throw new InvalidBackup(`${f.path} is missing from the backup`);
    const digest = await sha256OfFile(path);
    if (digest !== f.sha256) throw new InvalidBackup(`${f.path} is corrupt: its SHA-256 is ${digest}, the manifest says ${f.sha256}`);
    onFile(f);
  }
}

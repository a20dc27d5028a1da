import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { sha256Of, type BackupFile } from './backup-file.js';

/**
 * Data dir entries the backup copies as files besides the streams: the Dedicated HSM nodes'
 * tokens and the HSM service's sealed files, all under `<data dir>/hsm` (docs/hsm.md, "Sealed
 * files"; sealed by the root key or by the tokens' own PINs). Everything else of a data dir is
 * rebuilt (read models, logs) or made anew (NATS passwords) by the next start.
 */
export const DATA_DIR_FILE_ROOTS = ['hsm'] as const;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return e.isFile() ? [path] : [];
  });
}

/** Copies the data dir's files into `<backup>/files/`, returning them as the manifest lists them. */
export function copyDataDirFiles(dataDir: string, backupDir: string): BackupFile[] {
  return DATA_DIR_FILE_ROOTS.flatMap((root) => filesUnder(join(dataDir, root))).map((file) => {
    const rel = relative(dataDir, file).split(sep).join('/');
    const target = join(backupDir, 'files', rel);
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    copyFileSync(file, target);
    const bytes = readFileSync(target);
    return { path: `files/${rel}`, bytes: bytes.length, sha256: sha256Of(bytes) };
  });
}

/**
 * Puts the backup's files back under the data dir's `hsm/` (mode 0600, directories 0700); the
 * manifest's paths were checked to lie there (manifest.ts), and a source that is a link is refused.
 */
export function placeDataDirFiles(files: readonly BackupFile[], backupDir: string, dataDir: string): void {
  for (const f of files) {
    copyPrivateFile(join(backupDir, f.path), join(dataDir, f.path.replace(/^files\//, '')));
  }
}

/** Copies a regular file (never through a link) to a target readable by its owner only. */
export function copyPrivateFile(source: string, target: string): void {
  if (!lstatSync(source).isFile()) throw new Error(`${source} is not a regular file (a link?): not restored`);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  copyFileSync(source, target);
  chmodSync(target, 0o600);
}

/** Sizes of the files, for the summary. */
export const totalBytes = (files: readonly BackupFile[]): number => files.reduce((n, f) => n + f.bytes, 0);

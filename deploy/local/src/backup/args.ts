import type { BackupOptions } from './backup.js';

export const BACKUP_USAGE = 'usage: dew backup <new directory> [--include-root-key] | dew restore <backup directory>';

/** A command line the backup commands refuse (exit code 2). */
export class BackupUsageError extends Error {}

/** `dew backup <dir> [--include-root-key]` (the arguments after `backup`). */
export function parseBackupArgs(args: readonly string[]): BackupOptions {
  const flags = args.filter((a) => a.startsWith('--'));
  const unknown = flags.find((f) => f !== '--include-root-key');
  if (unknown) throw new BackupUsageError(`unknown option ${unknown}; ${BACKUP_USAGE}`);
  const positional = args.filter((a) => !a.startsWith('--'));
  const [target] = positional;
  if (target === undefined || positional.length > 1) throw new BackupUsageError(`dew backup takes one directory, got ${positional.length}; ${BACKUP_USAGE}`);
  return { target, includeRootKey: flags.includes('--include-root-key') };
}

/** `dew restore <dir>` (the arguments after `restore`). */
export function parseRestoreArgs(args: readonly string[]): string {
  const option = args.find((a) => a.startsWith('--'));
  if (option) throw new BackupUsageError(`unknown option ${option}; ${BACKUP_USAGE}`);
  const [source] = args;
  if (source === undefined || args.length > 1) throw new BackupUsageError(`dew restore takes one backup directory, got ${args.length}; ${BACKUP_USAGE}`);
  return source;
}

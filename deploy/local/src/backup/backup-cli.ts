import type { RunnerSettings } from '../settings.js';
import { backup } from './backup.js';
import { restore, RestoreRefused } from './restore.js';
import { InvalidBackup } from './manifest.js';
import { BackupUsageError, parseBackupArgs, parseRestoreArgs } from './args.js';
import { terminalProgress } from './progress.js';
import type { Env } from './connection.js';

/**
 * Exit codes of `dew backup` and `dew restore` (docs/backup.md): 0 done; 1 failed (what it wrote
 * removed); 2 usage; 3 the backup is corrupt, not a DEW backup or of another format version;
 * 4 the target refused (a non-empty data dir, another root key). 2–4 change nothing.
 */
export const EXIT = { done: 0, failed: 1, usage: 2, invalidBackup: 3, refused: 4 } as const;

function exitCodeOf(err: unknown): number {
  if (err instanceof BackupUsageError) return EXIT.usage;
  if (err instanceof InvalidBackup) return EXIT.invalidBackup;
  if (err instanceof RestoreRefused) return EXIT.refused;
  return EXIT.failed;
}

/** `dew backup …` / `dew restore …`: progress on stderr, the outcome's exit code. */
export async function runBackupCommand(command: 'backup' | 'restore', args: readonly string[], s: () => RunnerSettings, env: Env): Promise<number> {
  const progress = terminalProgress(process.stderr);
  try {
    if (command === 'backup') await backup(s(), env, parseBackupArgs(args), progress);
    else await restore(s(), env, parseRestoreArgs(args), progress);
    return EXIT.done;
  } catch (err) {
    const code = exitCodeOf(err);
    const what = code === EXIT.invalidBackup ? 'backup refused' : code === EXIT.refused ? 'restore refused' : `${command} failed`;
    progress.line(`${what}: ${(err as Error).message}${code >= EXIT.usage ? ' (nothing was changed)' : ''}`);
    return code;
  }
}

import { BackupUsageError, parseBackupArgs, parseRestoreArgs } from './args.js';

describe('dew backup / dew restore arguments', () => {
  it('backup: one directory, --include-root-key only when given', () => {
    expect(parseBackupArgs(['/b'])).toEqual({ target: '/b', includeRootKey: false });
    expect(parseBackupArgs(['--include-root-key', '/b'])).toEqual({ target: '/b', includeRootKey: true });
  });

  it.each([[[]], [['/a', '/b']], [['/b', '--force']]])('backup %j: a usage error naming the command line', (args) => {
    expect(() => parseBackupArgs(args)).toThrow(BackupUsageError);
    expect(() => parseBackupArgs(args)).toThrow(/usage: dew backup/);
  });

  it('restore: exactly one directory; no --force (a restore goes into an empty data dir only)', () => {
    expect(parseRestoreArgs(['/b'])).toBe('/b');
    expect(() => parseRestoreArgs(['/b', '--force'])).toThrow('unknown option --force');
    expect(() => parseRestoreArgs([])).toThrow(BackupUsageError);
  });
});

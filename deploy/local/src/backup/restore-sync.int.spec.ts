import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { natsServerVersion, syncIntervalRefusal } from '@dew/nats-server';
import { runnerSettingsFromEnv } from '../settings.js';
import { restore, RestoreRefused } from './restore.js';
import type { TransferProgress } from './progress.js';

let work: string;
beforeEach(() => { work = mkdtempSync(join(tmpdir(), 'dew-restore-sync-')); });
afterEach(() => rmSync(work, { recursive: true, force: true }));

const silent = { line: () => undefined, stream: () => undefined, bytes: () => undefined, streamDone: () => undefined } as unknown as TransferProgress;

describe('dew restore with DEW_NATS_SYNC', () => {
  it('on a nats-server that cannot honour it (the real binary\'s version decides): refused as the target, naming the version, before the backup is read or the data dir made', async () => {
    const dataDir = join(work, 'data');
    const s = runnerSettingsFromEnv({ DEW_DATA_DIR: dataDir, DEW_NATS_SYNC: 'always' }, process.cwd(), process.cwd());
    const expected = syncIntervalRefusal('always', natsServerVersion(s.natsBinary));
    const outcome = restore(s, {}, join(work, 'no-such-backup'), silent);
    if (expected === null) {
      // A server that honours it goes on to read the backup, which is not there.
      await expect(outcome).rejects.not.toBeInstanceOf(RestoreRefused);
    } else {
      await expect(outcome).rejects.toThrow(expected);
      await expect(outcome).rejects.toBeInstanceOf(RestoreRefused);
    }
    expect(existsSync(dataDir)).toBe(false);
  });
});

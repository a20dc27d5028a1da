import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderNatsConfig } from './config.js';
import { natsServerVersion, syncIntervalRefusal } from './version.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dew-nats-sync-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `nats-server -t` on a config: null when the server takes it, else what it said. */
function serverRefusal(syncInterval: string): string | null {
  const path = join(dir, `sync-${syncInterval}.conf`);
  writeFileSync(path, renderNatsConfig({ host: '127.0.0.1', port: 4222, storeDir: join(dir, 'store'), syncInterval }));
  try {
    execFileSync('nats-server', ['-t', '-c', path], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  }
}

describe('DEW_NATS_SYNC against the installed nats-server', () => {
  it('its version is read from `nats-server --version`', () => {
    expect(natsServerVersion()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each(['always', '1s'])('sync_interval "%s": DEW refuses exactly when the real server would (and then names the version)', (value) => {
    const version = natsServerVersion();
    const ours = syncIntervalRefusal(value, version);
    const theirs = serverRefusal(value);
    expect({ dewRefuses: ours !== null, serverRefuses: theirs !== null }).toEqual({ dewRefuses: theirs !== null, serverRefuses: theirs !== null });
    if (theirs !== null) {
      expect(theirs).toContain('sync_interval');
      expect(ours).toContain(`this nats-server is ${version}`);
    }
  });
});

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaticRootKey } from './root-key.js';
import { Pkcs11RootKey } from './root-key-pkcs11.js';
import { openRootKey, type RootKeySettings } from './root-key-settings.js';
import { FileRootKeyVersions, Pkcs11RootKeyVersions } from './root-key-version-stores.js';
import { innerFormat, VersionedRootKey, wrappedVersion } from './root-key-versions.js';

// SoftHSM reads SOFTHSM2_CONF from the real environment: the int run's sandbox (libs/testing/src/softhsm-sandbox.ts).
const MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const PIN = '31415926';
const entry = Buffer.from('a keyring entry of 32 bytes.....');

function newToken(): RootKeySettings & { provider: 'pkcs11' } {
  const tokenLabel = `versions-${randomBytes(4).toString('hex')}`;
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', tokenLabel, '--pin', PIN, '--so-pin', '27182818'], { stdio: 'ignore' });
  return { provider: 'pkcs11', module: MODULE, tokenLabel, pin: PIN, keyLabel: 'dew-root' };
}

function newFile(): RootKeySettings & { provider: 'file' } {
  return { provider: 'file', file: join(mkdtempSync(join(tmpdir(), 'dew-root-versions-')), 'root.key') };
}

const providers: [string, () => RootKeySettings, number][] = [
  ['file', newFile, 0x01],
  ['pkcs11 (SoftHSM2)', newToken, 0x02],
];

describe.each(providers)('versioned root key on the %s provider', (_name, settingsOf, format) => {
  test('a rotation: version 2 created beside version 1, old blobs open, new ones name version 2, a second process loads version 2 on first unwrap', async () => {
    const s = settingsOf();
    const first = openRootKey(s, true);
    const second = openRootKey(s, false);
    try {
      const root = first.versioned as VersionedRootKey;
      const old = await root.wrap(entry, 'keyring:o1');
      expect([wrappedVersion(old), innerFormat(old)]).toEqual([1, format]);
      root.create(2);
      root.use(2);
      const fresh = await root.wrap(entry, 'keyring:o1');
      expect([wrappedVersion(fresh), innerFormat(fresh)]).toEqual([2, format]);
      expect(root.versions()).toEqual([1, 2]);
      expect((await second.provider.unwrap(fresh, 'keyring:o1')).equals(entry)).toBe(true);
      expect((await second.provider.unwrap(old, 'keyring:o1')).equals(entry)).toBe(true);
      await expect(second.provider.unwrap(fresh, 'keyring:o2')).rejects.toThrow(/authentication failed/);
    } finally {
      first.close();
      second.close();
    }
  });

  test('retiring version 1: its key is destroyed, its blobs fail naming the version, and a restart opens version 2 without creating a new version 1', async () => {
    const s = settingsOf();
    const opened = openRootKey(s, true);
    const root = opened.versioned as VersionedRootKey;
    const old = await root.wrap(entry, 'a');
    root.create(2);
    root.use(2);
    const fresh = await root.wrap(entry, 'a');
    expect(root.destroy(1)).toBe(true);
    expect(root.hasKey(1)).toBe(false);
    await expect(root.unwrap(old, 'a')).rejects.toThrow(/root key version 1 \(.*\) does not exist/);
    opened.close();

    const restarted = openRootKey(s, true);
    try {
      expect(restarted.created).toBe(false);
      expect(restarted.versioned?.current).toBe(2);
      expect(restarted.versioned?.versions()).toEqual([2]);
      expect((await restarted.provider.unwrap(fresh, 'a')).equals(entry)).toBe(true);
    } finally {
      restarted.close();
    }
  });
});

describe('file versions on disk', () => {
  test('root.key.v2 is 32 bytes, mode 0600, beside root.key; destroying overwrites and unlinks it; a legacy 0x01 blob opens as version 1', async () => {
    const s = newFile();
    const opened = openRootKey(s, true);
    const root = opened.versioned as VersionedRootKey;
    const legacy = await new StaticRootKey(readFileSync(s.file), 'legacy').wrap(entry, 'keyring:o1');
    expect((await root.unwrap(legacy, 'keyring:o1')).equals(entry)).toBe(true);
    root.create(2);
    const v2 = `${s.file}.v2`;
    expect([statSync(v2).size, statSync(v2).mode & 0o777]).toEqual([32, 0o600]);
    root.use(2);
    expect(new FileRootKeyVersions(s.file).destroy(2)).toBe(true);
    expect(existsSync(v2)).toBe(false);
    await expect(root.wrap(entry, 'a')).rejects.toThrow(`root key version 2 (file:${v2}) is retired`);
    opened.close();
  });
});

describe('token versions', () => {
  test('dew-root.v2 has the same template as dew-root (sensitive, not extractable, encrypt/decrypt only) and C_DestroyObject removes it', () => {
    const s = newToken();
    const store = Pkcs11RootKeyVersions.open(s, true);
    try {
      store.create(2);
      expect(store.versions()).toEqual([1, 2]);
      expect(store.describe(2)).toBe(`pkcs11:token ${s.tokenLabel}/key=dew-root.v2`);
      const probe = Pkcs11RootKey.open({ ...s, keyLabel: 'dew-root.v2' }, false);
      probe.close();
      expect(store.destroy(2)).toBe(true);
      expect(store.exists(2)).toBe(false);
      expect(store.destroy(2)).toBe(false);
    } finally {
      store.close();
    }
  });
});

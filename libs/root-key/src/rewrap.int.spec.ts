import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileRootKeyVersions, innerFormat, Pkcs11RootKeyVersions, TOKEN_WRAP_VERSION, VersionedRootKey, wrappedVersion } from '@dew/crypto';
import { silentProgress } from './progress.js';
import { emptyCount, migrationRewrap, rewrapBlob, rotationRewrap } from './rewrap.js';

// SoftHSM reads SOFTHSM2_CONF from the real environment: the int run's sandbox (libs/testing/src/softhsm-sandbox.ts).
const TOKEN = `rewrap-${randomBytes(4).toString('hex')}`;
const PIN = '11223344';
const entry = Buffer.from('entry');

let token: VersionedRootKey;
let file: VersionedRootKey;
beforeAll(() => {
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', TOKEN, '--pin', PIN, '--so-pin', '55667788'], { stdio: 'ignore' });
  token = VersionedRootKey.open(Pkcs11RootKeyVersions.open({ module: '/usr/lib/softhsm/libsofthsm2.so', tokenLabel: TOKEN, pin: PIN, keyLabel: 'dew-root' }, true), true).root;
  file = VersionedRootKey.open(new FileRootKeyVersions(join(mkdtempSync(join(tmpdir(), 'dew-rewrap-')), 'root.key')), true).root;
});
afterAll(() => {
  token?.close();
  file?.close();
});

test('migration keeps a blob\'s root key version: a version-2 file blob becomes a version-2 token blob under a token key dew-root.v2 made for it', async () => {
  file.create(2);
  file.use(2);
  const blob = await file.wrap(entry, 'keyring:o1');
  const count = emptyCount();
  const moved = await rewrapBlob(migrationRewrap(file, token, TOKEN_WRAP_VERSION, { budget: { left: 10 }, progress: silentProgress }), blob, 'keyring:o1', count);
  expect([wrappedVersion(moved as Buffer), innerFormat(moved as Buffer)]).toEqual([2, TOKEN_WRAP_VERSION]);
  expect(token.versions()).toEqual([1, 2]);
  expect((await token.unwrap(moved as Buffer, 'keyring:o1')).equals(entry)).toBe(true);
  expect(await rewrapBlob(migrationRewrap(file, token, TOKEN_WRAP_VERSION, { budget: { left: 10 }, progress: silentProgress }), moved as Buffer, 'keyring:o1', count)).toBeNull();
  expect(count).toEqual({ rewrapped: 0, already: 1, left: 0 });
});

test('rotation: a blob of an older version moves to the current one; a blob of the current version is left as it is', async () => {
  const old = await token.wrapAs(1, entry, 'a');
  const r = rotationRewrap(token, { progress: silentProgress });
  token.use(2);
  const count = emptyCount();
  const moved = (await rewrapBlob(r, old, 'a', count)) as Buffer;
  expect(wrappedVersion(moved)).toBe(2);
  expect(await rewrapBlob(r, moved, 'a', count)).toBeNull();
  expect((await token.unwrap(moved, 'a')).equals(entry)).toBe(true);
});

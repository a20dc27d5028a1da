import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, InvalidBackup, readManifest, verifyFiles, writeManifest, type Manifest } from './manifest.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dew-manifest-'));
  mkdirSync(join(dir, 'files', 'hsm'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const content = Buffer.from('sealed bytes');
const manifest = (path = 'files/hsm/a'): Manifest => ({
  format: BACKUP_FORMAT,
  formatVersion: BACKUP_FORMAT_VERSION,
  dewVersion: '0.1.0',
  natsServerVersion: '2.9.10',
  createdAt: '2026-01-01T00:00:00.000Z',
  mode: 'offline',
  streams: [],
  files: [{ path, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') }],
  rootKey: { provider: 'file', file: '/k/root.key', canaries: [] },
});

describe('backup manifest', () => {
  it('written and read back: the same manifest; every file verifies', async () => {
    writeFileSync(join(dir, 'files', 'hsm', 'a'), content);
    writeManifest(dir, manifest());
    expect(readManifest(dir)).toEqual(manifest());
    await expect(verifyFiles(dir, readManifest(dir))).resolves.toBeUndefined();
  });

  it('one byte of the manifest changed: refused, naming both digests', () => {
    writeManifest(dir, manifest());
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest()).replace('0.1.0', '0.1.1'));
    expect(() => readManifest(dir)).toThrow(InvalidBackup);
    expect(() => readManifest(dir)).toThrow(/manifest\.json is corrupt: its SHA-256 is [0-9a-f]{64}, manifest\.json\.sha256 says [0-9a-f]{64}/);
  });

  it('a directory without a manifest: not a DEW backup', () => {
    expect(() => readManifest(dir)).toThrow(/is not a DEW backup/);
  });

  it('a listed file changed, missing, or named outside the backup: refused before anything is restored', async () => {
    writeFileSync(join(dir, 'files', 'hsm', 'a'), 'sealed bytez');
    await expect(verifyFiles(dir, manifest())).rejects.toThrow('files/hsm/a is corrupt');
    rmSync(join(dir, 'files', 'hsm', 'a'));
    await expect(verifyFiles(dir, manifest())).rejects.toThrow('files/hsm/a is missing');
    await expect(verifyFiles(dir, manifest('files/../../etc/passwd'))).rejects.toThrow('a path outside the backup');
  });
});

describe('backup manifest: where its files may be', () => {
  it.each([
    ['files/root.key', 'a data dir file outside hsm/ (the root key beside the data dir)'],
    ['files/nats/users.json', 'NATS passwords'],
    ['files/hsm/../root.key', 'a way out of hsm/'],
    ['files/hsm/./x', 'a dot segment'],
    ['files/hsm', 'the hsm dir itself'],
    ['files/hsm/a/', 'an empty last segment'],
  ])('a files entry at %s (%s) is refused before anything is read or written', (path) => {
    writeManifest(dir, manifest(path));
    expect(() => readManifest(dir)).toThrow(InvalidBackup);
    expect(() => readManifest(dir)).toThrow(`names a file file at ${JSON.stringify(path)}`);
  });

  it('a files entry under hsm/ is accepted', () => {
    writeManifest(dir, manifest('files/hsm/instance-1/a/token.db'));
    expect(readManifest(dir).files[0]?.path).toBe('files/hsm/instance-1/a/token.db');
  });

  it('a stream snapshot outside streams/ is refused', () => {
    writeManifest(dir, { ...manifest('files/hsm/a'), streams: [{ path: '../EVT_KMS.snapshot', bytes: 1, sha256: '0'.repeat(64) } as Manifest['streams'][number]] });
    expect(() => readManifest(dir)).toThrow('names a stream file at "../EVT_KMS.snapshot"');
  });

  it.each([
    [{ name: '../../outside', path: 'root-key/../../outside' }],
    [{ name: 'root.key', path: 'root-key/other.key' }],
    [{ name: 'a/b', path: 'root-key/a/b' }],
  ])('an included root key file %j is refused', (file) => {
    const m = manifest('files/hsm/a');
    writeManifest(dir, { ...m, rootKey: { ...m.rootKey, includedFiles: [{ ...file, bytes: 1, sha256: '0'.repeat(64) }] } });
    expect(() => readManifest(dir)).toThrow(InvalidBackup);
  });
});

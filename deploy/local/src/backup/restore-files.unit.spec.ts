import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RootKeySettings } from '@dew/crypto';
import { placeDataDirFiles } from './data-dir-files.js';
import { placeIncludedKeyFiles, type RootKeyReference } from './root-key-reference.js';

let work: string;
let backupDir: string;
let dataDir: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'dew-restore-files-'));
  backupDir = join(work, 'backup');
  dataDir = join(work, 'data');
  mkdirSync(join(backupDir, 'files', 'hsm', 'i-1'), { recursive: true });
  mkdirSync(join(backupDir, 'root-key'), { recursive: true });
  mkdirSync(dataDir);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const keySettings = (): RootKeySettings => ({ provider: 'file', file: join(dataDir, 'root.key') }) as RootKeySettings;
const canary = { version: 1, wrapped: 'AAAA', plaintextSha256: '0'.repeat(64) };

describe('restore: placing the backup\'s files', () => {
  it('a data dir file is written readable by its owner only, whatever mode it had in the backup', () => {
    writeFileSync(join(backupDir, 'files', 'hsm', 'i-1', 'sealed'), 'sealed', { mode: 0o644 });
    placeDataDirFiles([{ path: 'files/hsm/i-1/sealed', bytes: 6, sha256: sha('sealed') }], backupDir, dataDir);
    expect(statSync(join(dataDir, 'hsm', 'i-1', 'sealed')).mode & 0o777).toBe(0o600);
  });

  it('a data dir file that is a link in the backup is refused, nothing written', () => {
    writeFileSync(join(work, 'elsewhere'), 'x');
    symlinkSync(join(work, 'elsewhere'), join(backupDir, 'files', 'hsm', 'i-1', 'linked'));
    expect(() => placeDataDirFiles([{ path: 'files/hsm/i-1/linked', bytes: 1, sha256: sha('x') }], backupDir, dataDir)).toThrow(/not a regular file/);
    expect(existsSync(join(dataDir, 'hsm', 'i-1', 'linked'))).toBe(false);
  });

  it('root key files are placed only under the configured file\'s own names (root.key, root.key.v<N>), mode 0600', () => {
    writeFileSync(join(backupDir, 'root-key', 'root.key'), 'k1');
    writeFileSync(join(backupDir, 'root-key', 'root.key.v2'), 'k2');
    const ref: RootKeyReference = {
      provider: 'file', canaries: [canary],
      includedFiles: [{ name: 'root.key', path: 'root-key/root.key', bytes: 2, sha256: sha('k1') }, { name: 'root.key.v2', path: 'root-key/root.key.v2', bytes: 2, sha256: sha('k2') }],
    } as RootKeyReference;
    expect(placeIncludedKeyFiles(ref, keySettings(), backupDir).sort()).toEqual([join(dataDir, 'root.key'), join(dataDir, 'root.key.v2')]);
    expect(statSync(join(dataDir, 'root.key')).mode & 0o777).toBe(0o600);
  });

  it('a root key file of another name is refused, and the files placed before it are taken back', () => {
    writeFileSync(join(backupDir, 'root-key', 'root.key'), 'k1');
    writeFileSync(join(backupDir, 'root-key', 'authorized_keys'), 'x');
    const ref = {
      provider: 'file', canaries: [canary],
      includedFiles: [{ name: 'root.key', path: 'root-key/root.key', bytes: 2, sha256: sha('k1') }, { name: 'authorized_keys', path: 'root-key/authorized_keys', bytes: 1, sha256: sha('x') }],
    } as RootKeyReference;
    expect(() => placeIncludedKeyFiles(ref, keySettings(), backupDir)).toThrow(/"authorized_keys" is not root\.key or root\.key\.v<N>/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('root key files without a canary to prove them are refused', () => {
    writeFileSync(join(backupDir, 'root-key', 'root.key'), 'k1');
    const ref = { provider: 'file', canaries: [], includedFiles: [{ name: 'root.key', path: 'root-key/root.key', bytes: 2, sha256: sha('k1') }] } as unknown as RootKeyReference;
    expect(() => placeIncludedKeyFiles(ref, keySettings(), backupDir)).toThrow(/no canary/);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});

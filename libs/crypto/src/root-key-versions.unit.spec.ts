import { randomBytes } from 'node:crypto';
import { StaticRootKey } from './root-key.js';
import { innerFormat, RootKeyVersionMissing, VERSIONED_WRAP, VersionedRootKey, versionedBlob, wrappedVersion, type RootKeyVersion, type RootKeyVersionStore } from './root-key-versions.js';

/** Versions in memory: the file store's behaviour without the disk (the int spec runs the real stores). */
class MemoryVersions implements RootKeyVersionStore {
  readonly provider = 'file';
  readonly keys = new Map<number, Buffer>();
  describe(v: number) {
    return `memory:v${v}`;
  }
  versions() {
    return [...this.keys.keys()].sort((a, b) => a - b);
  }
  exists(v: number) {
    return this.keys.has(v);
  }
  open(v: number): RootKeyVersion | null {
    const k = this.keys.get(v);
    return k ? new StaticRootKey(k, this.describe(v)) : null;
  }
  create(v: number): RootKeyVersion {
    this.keys.set(v, randomBytes(32));
    return this.open(v) as RootKeyVersion;
  }
  destroy(v: number) {
    return this.keys.delete(v);
  }
  close() {}
}

const secret = Buffer.from('keyring entry bytes');

describe('versioned root key blobs', () => {
  it('a blob names its version after the 0x03 byte, then the provider blob; legacy 0x01/0x02 blobs are version 1', () => {
    const blob = versionedBlob(7, Buffer.of(0x02, 9, 9));
    expect([...blob.subarray(0, 6)]).toEqual([VERSIONED_WRAP, 0, 0, 0, 7, 0x02]);
    expect(wrappedVersion(blob)).toBe(7);
    expect(innerFormat(blob)).toBe(0x02);
    expect(wrappedVersion(Buffer.of(0x01, 1, 2))).toBe(1);
    expect(innerFormat(Buffer.of(0x02, 1, 2))).toBe(0x02);
  });

  it('a legacy file blob (StaticRootKey on version 1) still opens under the versioned key', async () => {
    const store = new MemoryVersions();
    const v1 = store.create(1);
    const legacy = await v1.wrap(secret, 'keyring:o1');
    const { root } = VersionedRootKey.open(store, false);
    expect((await root.unwrap(legacy, 'keyring:o1')).equals(secret)).toBe(true);
  });

  it('wrap uses the current version; after use(2) old blobs still open and new ones name version 2', async () => {
    const store = new MemoryVersions();
    const { root, created } = VersionedRootKey.open(store, true);
    expect(created).toBe(true);
    const old = await root.wrap(secret, 'a');
    root.create(2);
    root.use(2);
    const fresh = await root.wrap(secret, 'a');
    expect([wrappedVersion(old), wrappedVersion(fresh)]).toEqual([1, 2]);
    expect((await root.unwrap(old, 'a')).equals(secret)).toBe(true);
    expect((await root.unwrap(fresh, 'a')).equals(secret)).toBe(true);
  });

  it('the version is bound into the inner AAD: a blob relabelled with another version does not open', async () => {
    const store = new MemoryVersions();
    const { root } = VersionedRootKey.open(store, true);
    const blob = await root.wrap(secret, 'a');
    const relabelled = versionedBlob(1, blob.subarray(5));
    expect((await root.unwrap(relabelled, 'a')).equals(secret)).toBe(true);
    store.keys.set(3, store.keys.get(1) as Buffer);
    await expect(root.unwrap(versionedBlob(3, blob.subarray(5)), 'a')).rejects.toThrow(/authentication failed/);
  });

  it('opens the newest existing version; a version created by another process loads on first unwrap', async () => {
    const store = new MemoryVersions();
    const other = VersionedRootKey.open(store, true).root;
    const { root } = VersionedRootKey.open(store, false);
    other.create(2);
    other.use(2);
    const blob = await other.wrap(secret, 'a');
    expect(root.current).toBe(1);
    expect((await root.unwrap(blob, 'a')).equals(secret)).toBe(true);
    expect(VersionedRootKey.open(store, false).root.current).toBe(2);
  });

  it('a destroyed version → unwrap and wrap fail naming the version, never another key', async () => {
    const store = new MemoryVersions();
    const { root } = VersionedRootKey.open(store, true);
    const old = await root.wrap(secret, 'a');
    root.create(2);
    root.use(2);
    expect(root.destroy(1)).toBe(true);
    expect(root.destroy(1)).toBe(false);
    await expect(root.unwrap(old, 'a')).rejects.toThrow(new RootKeyVersionMissing(1, 'memory:v1', 'does not exist (retired, or created elsewhere)'));
    await expect(root.wrapAs(1, secret, 'a')).rejects.toThrow(/root key version 1 \(memory:v1\)/);
    expect(() => root.destroy(2)).toThrow(/wraps now/);
  });

  it('a file version deleted under a process that holds it → wrapping fails loudly, naming it retired', async () => {
    const store = new MemoryVersions();
    const { root } = VersionedRootKey.open(store, true);
    await root.wrap(secret, 'a');
    store.keys.delete(1);
    await expect(root.wrap(secret, 'a')).rejects.toThrow('root key version 1 (memory:v1) is retired');
  });

  it('no version at all and create off → refused naming version 1', () => {
    expect(() => VersionedRootKey.open(new MemoryVersions(), false)).toThrow('root key version 1 (memory:v1) does not exist');
  });
});

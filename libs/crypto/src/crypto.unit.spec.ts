import { mkdtempSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { open, seal, UnsealError } from './aead.js';
import { loadOrCreateRootKeyFile, StaticRootKey } from './root-key.js';
import { OwnerKeys, KeyringEntryMissing, MemoryKeyringStorage } from './keyring.js';
import { MaterialGenerator } from './key-material.js';
import { ownedSecret } from './owned-secret.js';
import { createPrivateKey } from 'node:crypto';

describe('aead seal/open', () => {
  const key = randomBytes(32);
  it('round trip: opens what it sealed with the same AAD', () => {
    expect(open(key, seal(key, Buffer.from('hello'), 'a'), 'a').toString()).toBe('hello');
  });
  it('different AAD: open fails with UnsealError', () => {
    expect(() => open(key, seal(key, Buffer.from('hello'), 'owner-1'), 'owner-2')).toThrow(UnsealError);
  });
  it('one flipped byte: open fails with UnsealError', () => {
    const sealed = seal(key, Buffer.from('hello'), 'a');
    sealed[sealed.length - 1]! ^= 1;
    expect(() => open(key, sealed, 'a')).toThrow(UnsealError);
  });
  it('sealed bytes: never contain the plaintext', () => {
    const marker = Buffer.from('PLAINTEXT-MARKER-0001');
    expect(seal(key, marker, 'a').includes(marker)).toBe(false);
  });
});

describe('root key file', () => {
  it('first start: creates 32 random bytes with mode 0600; second start reuses them', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'dew-root-')), 'sub', 'root.key');
    const first = loadOrCreateRootKeyFile(path);
    expect(first.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(path);
    const second = loadOrCreateRootKeyFile(path);
    expect(second.created).toBe(false);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
  it('wrap under one root key: another root key cannot unwrap it', async () => {
    const a = new StaticRootKey(randomBytes(32), 'a');
    const b = new StaticRootKey(randomBytes(32), 'b');
    const wrapped = await a.wrap(Buffer.from('x'), 'k');
    await expect(b.unwrap(wrapped, 'k')).rejects.toThrow(UnsealError);
  });
});

describe('OwnerKeys', () => {
  const root = new StaticRootKey(randomBytes(32), 'test');
  it('owner material: opens with its owner and version only', async () => {
    const keyring = new OwnerKeys(root, new MemoryKeyringStorage());
    await keyring.create('k1');
    await keyring.create('k2');
    const sealed = await keyring.seal('k1', 1, Buffer.from('material'));
    expect((await keyring.open('k1', 1, sealed)).toString()).toBe('material');
    await expect(keyring.open('k1', 2, sealed)).rejects.toThrow(UnsealError);
    await expect(keyring.open('k2', 1, sealed)).rejects.toThrow(UnsealError);
  });
  it('destroyed owner: its sealed material can no longer be opened, even by a fresh keyring with the same root key', async () => {
    const storage = new MemoryKeyringStorage();
    const keyring = new OwnerKeys(root, storage);
    await keyring.create('k1');
    const sealed = await keyring.seal('k1', 1, Buffer.from('material'));
    await keyring.destroy('k1');
    await expect(keyring.open('k1', 1, sealed)).rejects.toThrow(KeyringEntryMissing);
    await expect(new OwnerKeys(root, storage).open('k1', 1, sealed)).rejects.toThrow(KeyringEntryMissing);
  });
  it('existing owner: creating it again is refused', async () => {
    const keyring = new OwnerKeys(root, new MemoryKeyringStorage());
    await keyring.create('k1');
    await expect(keyring.create('k1')).rejects.toThrow(/already exists/);
  });
});

describe('MaterialGenerator', () => {
  const gen = new MaterialGenerator(2);
  it.each([
    ['RSA_2048', 'rsa', 2048],
    ['EC_P256', 'ec', undefined],
    ['EC_P384', 'ec', undefined],
  ] as const)('%s: yields a PKCS#8 private key of that type and a PEM public key', async (spec, type, bits) => {
    const m = await gen.generate(spec);
    const key = createPrivateKey({ key: m.secret, format: 'der', type: 'pkcs8' });
    expect(key.asymmetricKeyType).toBe(type);
    if (bits) expect(key.asymmetricKeyDetails?.modulusLength).toBe(bits);
    expect(m.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });
  it('AES_256: yields 32 random bytes and no public key', async () => {
    const m = await gen.generate('AES_256');
    expect(m.secret).toHaveLength(32);
    expect(m.publicKeyPem).toBeUndefined();
  });
});

describe('ownedSecret', () => {
  it('a slice of the shared buffer pool: copied into memory of its own, the slice zeroed', () => {
    const pooled = Buffer.concat([randomBytes(16), randomBytes(16)]);
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length);
    const value = Buffer.from(pooled);
    const own = ownedSecret(pooled);
    expect(own.equals(value)).toBe(true);
    expect(own.buffer.byteLength).toBe(32);
    expect(pooled.every((b) => b === 0)).toBe(true);
  });
  it('a buffer that owns its memory: answered as it is', () => {
    const own = randomBytes(32);
    expect(ownedSecret(own)).toBe(own);
  });
});

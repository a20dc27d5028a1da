import { randomBytes } from 'node:crypto';
import { OwnerKeys, MemoryKeyringStorage, StaticRootKey } from '@dew/crypto';
import type { LiveCmk } from '@dew/kms-domain';
import type { HealthDetails } from '@dew/nest-kit';
import type { KmsSettings } from '../settings.js';
import { MaterialCache } from './material-cache.js';

async function setup(capacity: number) {
  const keyring = new OwnerKeys(new StaticRootKey(randomBytes(32), 'test'), new MemoryKeyringStorage());
  const health = { add: () => undefined } as unknown as HealthDetails;
  const cache = new MaterialCache(keyring, { materialCacheSize: capacity } as KmsSettings, health);
  const key = async (id: string) => {
    await keyring.create(id);
    const wrapped = (await keyring.seal(id, 1, randomBytes(32))).toString('base64');
    const version = { version: 1, wrapped, createdAt: 0 };
    return { key: { keyId: id, keySpec: 'AES_256', versions: [version] } as unknown as LiveCmk, version };
  };
  return { cache, key };
}

describe('MaterialCache', () => {
  it('a second use of a key version: served from the cache (a hit), same bytes', async () => {
    const { cache, key } = await setup(4);
    const k = await key('k1');
    const first = await cache.get(k.key, k.version);
    const second = await cache.get(k.key, k.version);
    expect(second).toBe(first);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, evictions: 0, size: 1 });
  });

  it('over capacity: the least recently used version is evicted and counted', async () => {
    const { cache, key } = await setup(2);
    const [a, b, c] = [await key('a'), await key('b'), await key('c')];
    await cache.get(a.key, a.version);
    await cache.get(b.key, b.version);
    await cache.get(a.key, a.version); // a is now the most recent
    await cache.get(c.key, c.version); // evicts b
    expect(cache.stats()).toMatchObject({ size: 2, evictions: 1, capacity: 2 });
    await cache.get(a.key, a.version);
    expect(cache.stats().hits).toBe(2);
    await cache.get(b.key, b.version);
    expect(cache.stats()).toMatchObject({ misses: 4, evictions: 2 });
  });

  it('forget: drops every version of a destroyed key', async () => {
    const { cache, key } = await setup(4);
    const k = await key('gone');
    await cache.get(k.key, k.version);
    cache.forget('gone');
    expect(cache.stats().size).toBe(0);
  });
});

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { foldEvents } from '@dew/decider';
import { MemoryKeyringStorage, OwnerKeys, StaticRootKey } from '@dew/crypto';
import { initialKeyring, keyringDecider, type KeyringEvent } from '@dew/kms-domain';
import { KeyStoreAccessKeys } from './key-store-credentials.js';

const STORE = 'a0000000-0000-4000-8000-000000000001';
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const T0 = 1_764_000_000_000;

async function sealedStore() {
  const accessKeys = new KeyStoreAccessKeys(new OwnerKeys(new StaticRootKey(randomBytes(32), 'test'), new MemoryKeyringStorage()));
  const privateKeyPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const access = await accessKeys.seal(STORE, { certificatePem: CA, privateKeyPem, caCertPem: CA });
  const created: KeyringEvent = { type: 'KeyStoreCreated', keystoreId: STORE, domainId: 'd', alias: 's', hsmClusterId: 'b0000000-0000-4000-8000-000000000001', hsmCaCertPem: CA, access, at: T0 };
  return { accessKeys, privateKeyPem, created };
}

const keyringAfter = (...events: KeyringEvent[]) => foldEvents(keyringDecider, events, initialKeyring('p1'));

describe('KeyStoreAccessKeys', () => {
  it('the sealed access private key opens to the enrolled one, and is not in the sealed form', async () => {
    const { accessKeys, privateKeyPem, created } = await sealedStore();
    expect((await accessKeys.open(keyringAfter(created), STORE)).privateKeyPem).toBe(privateKeyPem);
    expect(JSON.stringify(created)).not.toContain(privateKeyPem.split('\n')[1]);
  });

  it('a deleted store still opens its access: its keys pending deletion are destroyed in its HSM when their waiting period ends', async () => {
    const { accessKeys, privateKeyPem, created } = await sealedStore();
    const deleted = keyringAfter(created, { type: 'KeyStoreDisabled', keystoreId: STORE, at: T0 + 1 }, { type: 'KeyStoreDeleted', keystoreId: STORE, at: T0 + 2 });
    expect((await accessKeys.open(deleted, STORE)).privateKeyPem).toBe(privateKeyPem);
  });

  it('discarded (the store retired), the sealed access no longer opens: the private key is crypto-shredded', async () => {
    const { accessKeys, created } = await sealedStore();
    await accessKeys.discard(STORE);
    await expect(accessKeys.open(keyringAfter(created), STORE)).rejects.toThrow();
  });

  it('an unknown store is KMS.2902', async () => {
    const { accessKeys } = await sealedStore();
    await expect(accessKeys.open(keyringAfter(), STORE)).rejects.toMatchObject({ code: 'KMS.2902' });
  });
});

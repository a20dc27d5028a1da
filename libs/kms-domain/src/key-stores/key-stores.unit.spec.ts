import { DAY, T0, created, given, history, keyId, oneEvent, stateAfter } from '../fixtures.spec.js';
import {
  KEYSTORE_QUOTA,
  isRetiredKeyStore,
  keyStoresOf,
  usableKeyStoreOf,
  findKey,
  type KeyCreated,
  type KeyringCommand,
  type KeyringEvent,
  type KeyStoreCreated,
} from '../index.js';

const NOW = T0 + DAY;
const STORE = 'a0000000-0000-4000-8000-000000000001';
const INSTANCE = 'b0000000-0000-4000-8000-000000000001';
const OTHER_INSTANCE = 'b0000000-0000-4000-8000-000000000002';
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const ACCESS = { certificatePem: CA, caCertPem: CA, sealedPrivateKey: 'c2VhbGVkLWtleQ==' };

const createStore = (over: Partial<Extract<KeyringCommand, { type: 'CreateKeyStore' }>> = {}): KeyringCommand => ({
  type: 'CreateKeyStore', keystoreId: STORE, domainId: 'd', alias: 'store-1', hsmClusterId: INSTANCE, hsmCaCertPem: CA, access: ACCESS, now: NOW, ...over,
});
const storeCreated = (n = 1, over: Partial<KeyStoreCreated> = {}): KeyStoreCreated => ({
  type: 'KeyStoreCreated', keystoreId: `a0000000-0000-4000-8000-00000000000${n}`, domainId: 'd', alias: `store-${n}`,
  hsmClusterId: `b0000000-0000-4000-8000-00000000000${n}`, hsmCaCertPem: CA, access: ACCESS, at: T0, ...over,
});
const disable = (id = STORE): KeyringCommand => ({ type: 'DisableKeyStore', keystoreId: id, now: NOW });
const enable = (id = STORE): KeyringCommand => ({ type: 'EnableKeyStore', keystoreId: id, now: NOW });
const remove = (id = STORE): KeyringCommand => ({ type: 'DeleteKeyStore', keystoreId: id, now: NOW });
/** A key generated in the store's HSM: no wrapped material, its HSM handle instead. */
const storeKey = (n: number, over: Partial<KeyCreated> = {}): KeyCreated =>
  created(n, { keystoreId: STORE, material: { version: 1, wrapped: '', hsmKeyId: `hsm-${n}` }, ...over });
const createKey = (over: Partial<Extract<KeyringCommand, { type: 'CreateKey' }>> = {}): KeyringCommand => ({
  type: 'CreateKey', keyId: keyId(50), domainId: 'd', alias: 'in-store', keystoreId: STORE, userKeyQuota: 50, now: NOW,
  material: { version: 1, wrapped: '', hsmKeyId: 'hsm-50' }, ...over,
});

const base: readonly KeyringEvent[] = [storeCreated()];

describe('CreateKeyStore', () => {
  it('a valid request: KeyStoreCreated with the instance, its CA and the access certificate, the private key only sealed', () => {
    given([]).when(createStore()).then([
      { type: 'KeyStoreCreated', keystoreId: STORE, domainId: 'd', alias: 'store-1', hsmClusterId: INSTANCE, hsmCaCertPem: CA, access: ACCESS, at: NOW },
    ]);
  });
  it('an alias outside ^[a-zA-Z0-9:/_-]{1,255}$ is refused with KMS.2901 naming the field, the rule and the value', () => {
    given([]).when(createStore({ alias: 'bad alias' })).thenRefuses({ code: 'KMS.2901', message: 'keystore_alias must be 1..255 characters of A-Z a-z 0-9 : / _ - (9 characters), got "bad alias"' });
    given([]).when(createStore({ alias: '' })).thenRefuses({ code: 'KMS.2901' });
    given([]).when(createStore({ alias: 'x'.repeat(256) })).thenRefuses({ code: 'KMS.2901', message: '(256 characters)' });
    given([]).when(createStore({ alias: `a:b/c_d-${'x'.repeat(247)}` })).thenSucceeds(oneEvent);
  });
  it('an hsm_cluster_id that is not an instance id is refused with KMS.2901', () => {
    given([]).when(createStore({ hsmClusterId: 'cluster-1' })).thenRefuses({ code: 'KMS.2901', message: 'hsm_cluster_id must be a Dedicated HSM instance id' });
  });
  it('a CA that is not a PEM certificate is refused with KMS.2901', () => {
    given([]).when(createStore({ hsmCaCertPem: 'not a certificate' })).thenRefuses({ code: 'KMS.2901', message: 'hsm_ca_cert must be a PEM certificate' });
  });
  it('a second key store on the same HSM instance is refused with KMS.2903 naming the store that holds it', () => {
    given(base).when(createStore({ keystoreId: keyId(2), alias: 'other', hsmClusterId: storeCreated().hsmClusterId }))
      .thenRefuses({ code: 'KMS.2903', message: `already backs key store ${STORE}` });
  });
  it('an alias used by another live key store is refused with KMS.2903', () => {
    given(base).when(createStore({ keystoreId: keyId(2), hsmClusterId: OTHER_INSTANCE })).thenRefuses({ code: 'KMS.2903', message: 'keystore_alias "store-1" is already used' });
  });
  it('a deleted key store frees its alias and its instance', () => {
    const past = history(base, disable(), remove());
    given(past).when(createStore({ keystoreId: keyId(3) })).thenSucceeds(oneEvent);
  });
  it(`the ${KEYSTORE_QUOTA}th key store is accepted, the next refused with KMS.2904 naming the quota`, () => {
    const full = Array.from({ length: KEYSTORE_QUOTA - 1 }, (_, i) => storeCreated(i + 2, { alias: `s${i}`, keystoreId: keyId(100 + i), hsmClusterId: keyId(200 + i) }));
    given(full).when(createStore()).thenSucceeds(oneEvent);
    const past = history(full, createStore());
    given(past).when(createStore({ keystoreId: keyId(99), alias: 'one-more', hsmClusterId: OTHER_INSTANCE }))
      .thenRefuses({ code: 'KMS.2904', message: `at most ${KEYSTORE_QUOTA} key stores per project, ${KEYSTORE_QUOTA} exist` });
  });
  it('a store without its sealed access key is our bug: KMS.0101', () => {
    given([]).when(createStore({ access: { ...ACCESS, sealedPrivateKey: '' } })).thenRefuses({ code: 'KMS.0101' });
  });
});

describe('EnableKeyStore / DisableKeyStore', () => {
  it('a new store is enabled; disable then enable flips its state', () => {
    expect(keyStoresOf(stateAfter(...base)).map((s) => s.state)).toEqual(['ENABLED']);
    given(base).when(disable()).then([{ type: 'KeyStoreDisabled', keystoreId: STORE, at: NOW }]);
    given(history(base, disable())).when(enable()).then([{ type: 'KeyStoreEnabled', keystoreId: STORE, at: NOW }]);
  });
  it('enabling an enabled store or disabling a disabled one is refused with KMS.2905 naming the state', () => {
    given(base).when(enable()).thenRefuses({ code: 'KMS.2905', message: `key store ${STORE} is enabled` });
    given(history(base, disable())).when(disable()).thenRefuses({ code: 'KMS.2905', message: `key store ${STORE} is disabled` });
  });
  it('an unknown or deleted store is KMS.2902', () => {
    given([]).when(disable()).thenRefuses({ code: 'KMS.2902', message: `key store "${STORE}" does not exist` });
    given(history(base, disable(), remove())).when(enable()).thenRefuses({ code: 'KMS.2902' });
  });
});

describe('DeleteKeyStore', () => {
  it('an enabled store is refused with KMS.2905: disable it first', () => {
    given(base).when(remove()).thenRefuses({ code: 'KMS.2905', message: 'disable it before deleting it' });
  });
  it('a disabled store holding an enabled or disabled key is refused with KMS.2906 naming the key', () => {
    const past = history([...base, storeKey(1)], disable());
    given(past).when(remove()).thenRefuses({ code: 'KMS.2906', message: `holds 1 key(s) not scheduled for deletion: ${keyId(1)}` });
  });
  it('a disabled store whose keys are all pending deletion or destroyed is deleted', () => {
    const past = history([...base, storeKey(1), storeKey(2)], { type: 'ScheduleKeyDeletion', keyId: keyId(1), pendingDays: 7, now: NOW },
      { type: 'ScheduleKeyDeletion', keyId: keyId(2), pendingDays: 7, now: NOW }, { type: 'DestroyKey', keyId: keyId(2), now: NOW + 8 * DAY }, disable());
    given(past).when(remove()).then([{ type: 'KeyStoreDeleted', keystoreId: STORE, at: NOW }]);
  });
  it('a deleted store is retired (its access erasable) only once every key of it is destroyed; a live or disabled one never', () => {
    const schedule = (n: number): KeyringCommand => ({ type: 'ScheduleKeyDeletion', keyId: keyId(n), pendingDays: 7, now: NOW });
    const pending = history([...base, storeKey(1)], schedule(1), disable(), remove());
    expect(isRetiredKeyStore(stateAfter(...base), STORE)).toBe(false);
    expect(isRetiredKeyStore(stateAfter(...history(base, disable())), STORE)).toBe(false);
    expect(isRetiredKeyStore(stateAfter(...pending), STORE)).toBe(false);
    expect(isRetiredKeyStore(stateAfter(...history(pending, { type: 'DestroyKey', keyId: keyId(1), now: NOW + 8 * DAY })), STORE)).toBe(true);
    expect(isRetiredKeyStore(stateAfter(...history(base, disable(), remove())), STORE)).toBe(true);
  });
  it('keys outside the store do not hold it', () => {
    given(history([...base, created(1)], disable())).when(remove()).thenSucceeds(oneEvent);
  });
});

describe('CreateKey with keystore_id', () => {
  it('an enabled store and a spec its HSM makes: KeyCreated naming the store and the HSM key, no wrapped material', () => {
    given(base).when(createKey()).thenSucceeds((events) => {
      expect(events).toEqual([expect.objectContaining({ type: 'KeyCreated', keystoreId: STORE, material: { version: 1, wrapped: '', hsmKeyId: 'hsm-50' } })]);
    });
    const key = findKey(stateAfter(...base, storeKey(1)), keyId(1));
    expect(key).toMatchObject({ keystoreId: STORE, versions: [{ version: 1, wrapped: '', hsmKeyId: 'hsm-1' }] });
  });
  it('an unknown store is KMS.2902; a disabled one KMS.2905', () => {
    given([]).when(createKey()).thenRefuses({ code: 'KMS.2902' });
    given(history(base, disable())).when(createKey()).thenRefuses({ code: 'KMS.2905', message: 'create-key needs an enabled key store' });
  });
  it('an unknown keystore_id of any length or characters is KMS.2902 echoing at most 64 characters of it, quoted', () => {
    const long = `${'k'.repeat(10_000)}\n"injected`;
    const refused = given([]).when(createKey({ keystoreId: long })).thenRefuses({ code: 'KMS.2902', message: `key store "${'k'.repeat(61)}..." does not exist` });
    expect(refused.message).not.toContain('\n');
    expect(refused.message.length).toBeLessThan(120);
  });
  it('a spec the HSM does not make (SM4, SM2, HMAC) is refused with KMS.2907 naming the spec and the supported ones', () => {
    given(base).when(createKey({ keySpec: 'SM4' })).thenRefuses({ code: 'KMS.2907', message: 'cannot hold a SM4 key: supported key specs are AES_256, RSA_2048, RSA_3072, EC_P256, EC_P384' });
    given(base).when(createKey({ keySpec: 'RSA_3072', keyUsage: 'SIGN_VERIFY', material: { version: 1, wrapped: '', hsmKeyId: 'h', publicKeyPem: 'pem' } })).thenSucceeds(oneEvent);
  });
  it('an asymmetric key of usage ENCRYPT_DECRYPT is refused with KMS.2907 naming spec and usage', () => {
    given(base).when(createKey({ keySpec: 'RSA_2048', keyUsage: 'ENCRYPT_DECRYPT' })).thenRefuses({ code: 'KMS.2907', message: 'cannot hold a RSA_2048 key of usage ENCRYPT_DECRYPT' });
  });
  it('origin external is refused with KMS.2907: a store generates its keys', () => {
    given(base).when(createKey({ origin: 'external', material: null })).thenRefuses({ code: 'KMS.2907', message: 'origin external' });
  });
  it('material with wrapped bytes or without an HSM key id is our bug: KMS.0101', () => {
    given(base).when(createKey({ material: { version: 1, wrapped: 'eA==', hsmKeyId: 'h' } })).thenRefuses({ code: 'KMS.0101' });
    given(base).when(createKey({ material: { version: 1, wrapped: '' } })).thenRefuses({ code: 'KMS.0101' });
  });
});

describe('keys of a key store in use', () => {
  it('a key of an enabled store names its store; of a disabled store, is refused with KMS.2905 naming the store and the key', () => {
    const state = stateAfter(...base, storeKey(1));
    expect(usableKeyStoreOf(state, findKey(state, keyId(1))!)?.hsmClusterId).toBe(storeCreated().hsmClusterId);
    const disabled = stateAfter(...history([...base, storeKey(1)], disable()));
    expect(() => usableKeyStoreOf(disabled, findKey(disabled, keyId(1))!)).toThrow(`key store ${STORE} is disabled; its key ${keyId(1)} cannot be used`);
  });
  it('rotation of a key-store key is refused with KMS.2907 (enable rotation and rotate on demand)', () => {
    given([...base, storeKey(1)]).when({ type: 'EnableKeyRotation', keyId: keyId(1), now: NOW }).thenRefuses({ code: 'KMS.2907', message: 'keys in a key store are never rotated' });
    given([...base, storeKey(1)]).when({ type: 'RotateKey', keyId: keyId(1), now: NOW, material: { version: 2, wrapped: 'eA==' }, trigger: 'on-demand' }).thenRefuses({ code: 'KMS.2907' });
  });
});

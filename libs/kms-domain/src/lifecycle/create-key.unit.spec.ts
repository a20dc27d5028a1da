import { DOMAIN, T0, aesMaterial, created, defaultKeyCreated, given, keyId, manyKeys, oneEvent, refusal, rsaMaterial, stateAfter } from '../fixtures.spec.js';
import { DEFAULT_USER_KEY_QUOTA, findKey, validateCreateKey, type CreateKey, type EnsureDefaultKey, type KeyringEvent } from '../index.js';

const NEW = keyId(100);
const create = (over: Partial<CreateKey> = {}): CreateKey => ({
  type: 'CreateKey',
  keyId: NEW,
  domainId: DOMAIN,
  alias: 'new-key',
  userKeyQuota: DEFAULT_USER_KEY_QUOTA,
  now: T0 + 5000,
  material: aesMaterial,
  ...over,
});
const ensure = (service: string, over: Partial<EnsureDefaultKey> = {}): EnsureDefaultKey => ({
  type: 'EnsureDefaultKey',
  keyId: NEW,
  domainId: DOMAIN,
  service,
  now: T0 + 5000,
  material: aesMaterial,
  ...over,
});
const destroyed = (n: number): KeyringEvent[] => [
  { type: 'KeyDeletionScheduled', keyId: keyId(n), pendingDays: 7, deleteAt: T0 + 1, at: T0 },
  { type: 'KeyDestroyed', keyId: keyId(n), at: T0 + 2 },
];
const pendingDeletion = (n: number): KeyringEvent => ({ type: 'KeyDeletionScheduled', keyId: keyId(n), pendingDays: 7, deleteAt: T0 + 9, at: T0 });

describe('CreateKey', () => {
  it('empty keyring: create with defaults → KeyCreated AES_256 ENCRYPT_DECRYPT, origin kms, project "0"', () => {
    given().when(create()).then([
      {
        type: 'KeyCreated',
        keyId: NEW,
        domainId: DOMAIN,
        alias: 'new-key',
        description: '',
        keySpec: 'AES_256',
        keyUsage: 'ENCRYPT_DECRYPT',
        origin: 'kms',
        enterpriseProjectId: '0',
        tags: [],
        isDefault: false,
        at: T0 + 5000,
        material: aesMaterial,
      },
    ]);
  });

  it('new key: evolves to Enabled', () => {
    given().when(create()).thenSucceeds((_, s) => expect(findKey(s, NEW)?.status).toBe('Enabled'));
  });

  it('RSA_2048 without usage → SIGN_VERIFY; with ENCRYPT_DECRYPT → kept', () => {
    const m = { material: rsaMaterial, keySpec: 'RSA_2048' };
    given().when(create(m)).thenSucceeds(([e]) => expect(e).toMatchObject({ keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' }));
    given()
      .when(create({ ...m, keyUsage: 'ENCRYPT_DECRYPT' }))
      .thenSucceeds(([e]) => expect(e).toMatchObject({ keyUsage: 'ENCRYPT_DECRYPT' }));
  });

  it('EC_P384 with ENCRYPT_DECRYPT → KMS.0308 naming spec and usage', () => {
    const err = given()
      .when(create({ keySpec: 'EC_P384', keyUsage: 'ENCRYPT_DECRYPT', material: rsaMaterial }))
      .thenRefuses({ code: 'KMS.0308', message: 'EC_P384' });
    expect(err.message).toContain('ENCRYPT_DECRYPT');
  });

  it('AES_256 with SIGN_VERIFY → KMS.0308', () => {
    given().when(create({ keyUsage: 'SIGN_VERIFY' })).thenRefuses({ code: 'KMS.0308' });
  });

  it('AES_128 spec (a data-key size, not a CMK spec) → KMS.0308 naming the supported list', () => {
    given().when(create({ keySpec: 'AES_128' })).thenRefuses({ code: 'KMS.0308', message: 'AES_256, RSA_2048' });
  });

  it('SM4 spec: an ENCRYPT_DECRYPT key by default; HMAC_SM3: a GENERATE_VERIFY_MAC key by default', () => {
    given().when(create({ keySpec: 'SM4' })).thenSucceeds(([e]) => expect(e).toMatchObject({ keySpec: 'SM4', keyUsage: 'ENCRYPT_DECRYPT' }));
    given().when(create({ keySpec: 'HMAC_SM3' })).thenSucceeds(([e]) => expect(e).toMatchObject({ keySpec: 'HMAC_SM3', keyUsage: 'GENERATE_VERIFY_MAC' }));
  });

  it('description, enterprise project and tags: carried into the event', () => {
    given()
      .when(create({ description: 'payments', enterpriseProjectId: 'ep-1', tags: [{ key: 'env', value: 'prod' }, { key: 'x' }] }))
      .thenSucceeds(([e]) =>
        expect(e).toMatchObject({
          description: 'payments',
          enterpriseProjectId: 'ep-1',
          tags: [{ key: 'env', value: 'prod' }, { key: 'x', value: '' }],
        }),
      );
  });

  it('field rules: alias 256 → KMS.1101, /default → KMS.1101, description 256 → KMS.1103, 21 tags → KMS.0413, EP 37 → KMS.0308', () => {
    given().when(create({ alias: 'a'.repeat(256) })).thenRefuses({ code: 'KMS.1101' });
    given().when(create({ alias: 'csms/default' })).thenRefuses({ code: 'KMS.1101' });
    given().when(create({ description: 'd'.repeat(256) })).thenRefuses({ code: 'KMS.1103' });
    const tags = Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: '' }));
    given().when(create({ tags })).thenRefuses({ code: 'KMS.0413' });
    given().when(create({ tags: tags.slice(0, 20) })).thenSucceeds(oneEvent);
    given().when(create({ enterpriseProjectId: 'e'.repeat(37) })).thenRefuses({ code: 'KMS.0308' });
    given().when(create({ alias: 'a'.repeat(255) })).thenSucceeds(oneEvent);
  });

  it('origin external without material → KeyCreated with material null, evolves to PendingImport', () => {
    given()
      .when(create({ origin: 'external', material: null }))
      .thenSucceeds(([e], s) => {
        expect(e).toMatchObject({ origin: 'external', material: null });
        expect(findKey(s, NEW)?.status).toBe('PendingImport');
      });
  });

  it('origin external with material, or origin kms without → KMS.0101', () => {
    given().when(create({ origin: 'external' })).thenRefuses({ code: 'KMS.0101' });
    given().when(create({ material: null })).thenRefuses({ code: 'KMS.0101' });
  });

  it('material not fitting the spec (RSA without public key, AES with one, version 2) → KMS.0101', () => {
    given().when(create({ keySpec: 'RSA_4096', material: aesMaterial })).thenRefuses({ code: 'KMS.0101' });
    given().when(create({ material: rsaMaterial })).thenRefuses({ code: 'KMS.0101' });
    given().when(create({ material: { version: 2, wrapped: 'eA==' } })).thenRefuses({ code: 'KMS.0101' });
  });

  it('unknown origin → KMS.0308', () => {
    given().when(create({ origin: 'aws' })).thenRefuses({ code: 'KMS.0308' });
  });

  it('key id already in the keyring → KMS.0101', () => {
    given([created(100)]).when(create({ alias: 'other' })).thenRefuses({ code: 'KMS.0101' });
  });

  it('alias used by an enabled key → KMS.1104', () => {
    const err = given([created(1)]).when(create({ alias: 'key-1' })).thenRefuses({ code: 'KMS.1104' });
    expect(err.message).toBe(`key_alias "key-1" is already used by key ${keyId(1)}`);
  });

  it('alias used by a key pending deletion → KMS.1104', () => {
    given([created(1), pendingDeletion(1)]).when(create({ alias: 'key-1' })).thenRefuses({ code: 'KMS.1104' });
  });

  it('alias of a destroyed key → free again', () => {
    given([created(1), ...destroyed(1)]).when(create({ alias: 'key-1' })).thenSucceeds(oneEvent);
  });

  it('49 keys: the 50th → created', () => {
    given(manyKeys(49)).when(create()).thenSucceeds(oneEvent);
  });

  it('50 keys: the 51st → KMS.1105 naming the quota and the count', () => {
    const err = given(manyKeys(50)).when(create()).thenRefuses({ code: 'KMS.1105' });
    expect(err.message).toBe('key quota of 50 reached (50 keys in project)');
  });

  it('49 keys and 3 default keys: the 50th user key → created (default keys excluded)', () => {
    given([...manyKeys(49), defaultKeyCreated(60, 'csms'), defaultKeyCreated(61, 'kps'), defaultKeyCreated(62, 'obs')])
      .when(create())
      .thenSucceeds(oneEvent);
  });

  it('50 keys, one destroyed → a new key fits in the freed slot', () => {
    given([...manyKeys(50), ...destroyed(7)]).when(create()).thenSucceeds(oneEvent);
  });

  it('50 keys, one pending deletion → still full, KMS.1105', () => {
    given([...manyKeys(50), pendingDeletion(7)]).when(create()).thenRefuses({ code: 'KMS.1105' });
  });

  it('a quota of 60 set by the operator: the 51st key → created, the 61st → KMS.1105 naming 60', () => {
    given(manyKeys(50)).when(create({ userKeyQuota: 60 })).thenSucceeds(oneEvent);
    const err = given(manyKeys(60)).when(create({ userKeyQuota: 60 })).thenRefuses({ code: 'KMS.1105' });
    expect(err.message).toBe('key quota of 60 reached (60 keys in project)');
  });

  it('a quota of 3 set by the operator: the 4th key → KMS.1105 although far below the default', () => {
    given(manyKeys(3)).when(create({ userKeyQuota: 3 })).thenRefuses({ code: 'KMS.1105' });
  });

  it('validateCreateKey: refuses the quota before material exists, and returns the plan otherwise', () => {
    const input = { keyId: NEW, domainId: DOMAIN, alias: 'sig', keySpec: 'RSA_4096', userKeyQuota: DEFAULT_USER_KEY_QUOTA, now: T0 };
    expect(refusal(() => validateCreateKey(stateAfter(...manyKeys(50)), input)).code).toBe('KMS.1105');
    expect(validateCreateKey(stateAfter(), input)).toEqual({
      keyId: NEW,
      domainId: DOMAIN,
      alias: 'sig',
      description: '',
      keySpec: 'RSA_4096',
      keyUsage: 'SIGN_VERIFY',
      origin: 'kms',
      enterpriseProjectId: '0',
      tags: [],
    });
  });
});

describe('EnsureDefaultKey', () => {
  it('no csms/default yet → KeyCreated csms/default, AES_256, isDefault', () => {
    given().when(ensure('csms')).then([
      expect.objectContaining({
        type: 'KeyCreated',
        keyId: NEW,
        alias: 'csms/default',
        keySpec: 'AES_256',
        keyUsage: 'ENCRYPT_DECRYPT',
        origin: 'kms',
        enterpriseProjectId: '0',
        tags: [],
        isDefault: true,
        material: aesMaterial,
      }),
    ]);
  });

  it('csms/default present → no event', () => {
    given([defaultKeyCreated(1, 'csms')]).when(ensure('csms')).then([]);
  });

  it('kps/default present, csms absent → csms/default created', () => {
    given([defaultKeyCreated(1, 'kps')]).when(ensure('csms')).thenSucceeds(oneEvent);
  });

  it('50 user keys → the default key is still created (not in the quota)', () => {
    given(manyKeys(50)).when(ensure('kps')).thenSucceeds(oneEvent);
  });

  it('bad service name → KMS.0308; material with a public key → KMS.0101', () => {
    given().when(ensure('cs ms')).thenRefuses({ code: 'KMS.0308' });
    given().when(ensure('csms', { material: rsaMaterial })).thenRefuses({ code: 'KMS.0101' });
  });
});

import { DOMAIN, T0, aesMaterial, created, defaultKeyCreated, given, keyId, manyKeys, refusal, rsaMaterial } from '../fixtures.spec.js';
import { decide, validateCreateKey, type CreateKey, type EnsureDefaultKey } from '../index.js';
import { evolve, type KeyringEvent, type Keyring } from '../index.js';

const NEW = keyId(100);
const create = (over: Partial<CreateKey> = {}): CreateKey => ({
  type: 'CreateKey',
  keyId: NEW,
  domainId: DOMAIN,
  alias: 'new-key',
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
const code = (state: Keyring, cmd: CreateKey | EnsureDefaultKey) => refusal(() => decide(state, cmd)).code;

describe('CreateKey', () => {
  it('empty keyring: create with defaults → KeyCreated AES_256 ENCRYPT_DECRYPT, origin kms, project "0"', () => {
    expect(decide(given(), create())).toEqual([
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
    const [e] = decide(given(), create());
    expect(e && evolve(given(), e).keys.get(NEW)?.status).toBe('Enabled');
  });

  it('RSA_2048 without usage → SIGN_VERIFY; with ENCRYPT_DECRYPT → kept', () => {
    const m = { material: rsaMaterial, keySpec: 'RSA_2048' };
    expect(decide(given(), create(m))[0]).toMatchObject({ keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' });
    expect(decide(given(), create({ ...m, keyUsage: 'ENCRYPT_DECRYPT' }))[0]).toMatchObject({ keyUsage: 'ENCRYPT_DECRYPT' });
  });

  it('EC_P384 with ENCRYPT_DECRYPT → KMS.0308 naming spec and usage', () => {
    const err = refusal(() => decide(given(), create({ keySpec: 'EC_P384', keyUsage: 'ENCRYPT_DECRYPT', material: rsaMaterial })));
    expect(err.code).toBe('KMS.0308');
    expect(err.message).toContain('EC_P384');
    expect(err.message).toContain('ENCRYPT_DECRYPT');
  });

  it('AES_256 with SIGN_VERIFY → KMS.0308', () => {
    expect(code(given(), create({ keyUsage: 'SIGN_VERIFY' }))).toBe('KMS.0308');
  });

  it('SM4 spec → KMS.0308 naming the supported list', () => {
    expect(refusal(() => decide(given(), create({ keySpec: 'SM4' }))).message).toContain('AES_256, RSA_2048');
  });

  it('description, enterprise project and tags: carried into the event', () => {
    const [e] = decide(
      given(),
      create({ description: 'payments', enterpriseProjectId: 'ep-1', tags: [{ key: 'env', value: 'prod' }, { key: 'x' }] }),
    );
    expect(e).toMatchObject({
      description: 'payments',
      enterpriseProjectId: 'ep-1',
      tags: [{ key: 'env', value: 'prod' }, { key: 'x', value: '' }],
    });
  });

  it('field rules: alias 256 → KMS.1101, /default → KMS.1101, description 256 → KMS.1103, 21 tags → KMS.0413, EP 37 → KMS.0308', () => {
    const s = given();
    expect(code(s, create({ alias: 'a'.repeat(256) }))).toBe('KMS.1101');
    expect(code(s, create({ alias: 'csms/default' }))).toBe('KMS.1101');
    expect(code(s, create({ description: 'd'.repeat(256) }))).toBe('KMS.1103');
    const tags = Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(code(s, create({ tags }))).toBe('KMS.0413');
    expect(decide(s, create({ tags: tags.slice(0, 20) }))).toHaveLength(1);
    expect(code(s, create({ enterpriseProjectId: 'e'.repeat(37) }))).toBe('KMS.0308');
    expect(decide(s, create({ alias: 'a'.repeat(255) }))).toHaveLength(1);
  });

  it('origin external without material → KeyCreated with material null, evolves to PendingImport', () => {
    const events = decide(given(), create({ origin: 'external', material: null }));
    expect(events[0]).toMatchObject({ origin: 'external', material: null });
    expect(events.reduce(evolve, given()).keys.get(NEW)?.status).toBe('PendingImport');
  });

  it('origin external with material, or origin kms without → KMS.0101', () => {
    expect(code(given(), create({ origin: 'external' }))).toBe('KMS.0101');
    expect(code(given(), create({ material: null }))).toBe('KMS.0101');
  });

  it('material not fitting the spec (RSA without public key, AES with one, version 2) → KMS.0101', () => {
    expect(code(given(), create({ keySpec: 'RSA_4096', material: aesMaterial }))).toBe('KMS.0101');
    expect(code(given(), create({ material: rsaMaterial }))).toBe('KMS.0101');
    expect(code(given(), create({ material: { version: 2, wrapped: 'eA==' } }))).toBe('KMS.0101');
  });

  it('unknown origin → KMS.0308', () => {
    expect(code(given(), create({ origin: 'aws' }))).toBe('KMS.0308');
  });

  it('key id already in the keyring → KMS.0101', () => {
    expect(code(given(created(100)), create({ alias: 'other' }))).toBe('KMS.0101');
  });

  it('alias used by an enabled key → KMS.1104', () => {
    const err = refusal(() => decide(given(created(1)), create({ alias: 'key-1' })));
    expect(err).toMatchObject({ code: 'KMS.1104', message: `key_alias "key-1" is already used by key ${keyId(1)}` });
  });

  it('alias used by a key pending deletion → KMS.1104', () => {
    const s = given(created(1), { type: 'KeyDeletionScheduled', keyId: keyId(1), pendingDays: 7, deleteAt: T0 + 9, at: T0 });
    expect(code(s, create({ alias: 'key-1' }))).toBe('KMS.1104');
  });

  it('alias of a destroyed key → free again', () => {
    expect(decide(given(created(1), ...destroyed(1)), create({ alias: 'key-1' }))).toHaveLength(1);
  });

  it('49 keys: the 50th → created', () => {
    expect(decide(given(...manyKeys(49)), create())).toHaveLength(1);
  });

  it('50 keys: the 51st → KMS.1105 naming the quota and the count', () => {
    const err = refusal(() => decide(given(...manyKeys(50)), create()));
    expect(err).toMatchObject({ code: 'KMS.1105', message: 'key quota of 50 reached (50 keys in project)' });
  });

  it('49 keys and 3 default keys: the 50th user key → created (default keys excluded)', () => {
    const s = given(...manyKeys(49), defaultKeyCreated(60, 'csms'), defaultKeyCreated(61, 'kps'), defaultKeyCreated(62, 'obs'));
    expect(decide(s, create())).toHaveLength(1);
  });

  it('50 keys, one destroyed → a new key fits in the freed slot', () => {
    expect(decide(given(...manyKeys(50), ...destroyed(7)), create())).toHaveLength(1);
  });

  it('50 keys, one pending deletion → still full, KMS.1105', () => {
    const s = given(...manyKeys(50), { type: 'KeyDeletionScheduled', keyId: keyId(7), pendingDays: 7, deleteAt: T0 + 9, at: T0 });
    expect(code(s, create())).toBe('KMS.1105');
  });

  it('validateCreateKey: refuses the quota before material exists, and returns the plan otherwise', () => {
    const input = { keyId: NEW, domainId: DOMAIN, alias: 'sig', keySpec: 'RSA_4096', now: T0 };
    expect(refusal(() => validateCreateKey(given(...manyKeys(50)), input)).code).toBe('KMS.1105');
    expect(validateCreateKey(given(), input)).toEqual({
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
    expect(decide(given(), ensure('csms'))).toEqual([
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
    expect(decide(given(defaultKeyCreated(1, 'csms')), ensure('csms'))).toEqual([]);
  });

  it('kps/default present, csms absent → csms/default created', () => {
    expect(decide(given(defaultKeyCreated(1, 'kps')), ensure('csms'))).toHaveLength(1);
  });

  it('50 user keys → the default key is still created (not in the quota)', () => {
    expect(decide(given(...manyKeys(50)), ensure('kps'))).toHaveLength(1);
  });

  it('bad service name → KMS.0308; material with a public key → KMS.0101', () => {
    expect(code(given(), ensure('cs ms'))).toBe('KMS.0308');
    expect(code(given(), ensure('csms', { material: rsaMaterial }))).toBe('KMS.0101');
  });
});

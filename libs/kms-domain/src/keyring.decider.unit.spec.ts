import { DAY, DOMAIN, PROJECT, T0, aesMaterial, created, defaultKeyCreated, stateAfter, keyId, manyKeys, rsaMaterial } from './fixtures.spec.js';
import {
  activeKeys,
  evolve,
  findByAlias,
  findKey,
  initialKeyring,
  keyStateCode,
  userKeyCount,
  type KeyringEvent,
} from './index.js';

const id = keyId(1);
const at = (n: number) => T0 + 1000 * n;
const scheduled = (days = 7): KeyringEvent => ({
  type: 'KeyDeletionScheduled',
  keyId: id,
  pendingDays: days,
  deleteAt: at(2) + days * DAY,
  at: at(2),
});

describe('keyring evolve', () => {
  it('initial keyring: empty, named by project', () => {
    const s = initialKeyring(PROJECT);
    expect(s.projectId).toBe(PROJECT);
    expect(s.keys.size).toBe(0);
    expect(userKeyCount(s)).toBe(0);
  });

  it('KeyCreated with material: Enabled key with version 1, alias indexed, counted in the quota', () => {
    const s = stateAfter(created(1, { description: 'd', tags: [{ key: 'env', value: 'prod' }] }));
    expect(findKey(s, id)).toEqual({
      status: 'Enabled',
      keyId: id,
      domainId: DOMAIN,
      alias: 'key-1',
      description: 'd',
      keySpec: 'AES_256',
      keyUsage: 'ENCRYPT_DECRYPT',
      origin: 'kms',
      enterpriseProjectId: '0',
      tags: [{ key: 'env', value: 'prod' }],
      isDefault: false,
      createdAt: T0 + 1,
      versions: [{ version: 1, wrapped: aesMaterial.wrapped, createdAt: T0 + 1 }],
      rotation: {
        enabled: false,
        intervalDays: 365,
        lastRotatedAt: null,
        rotations: 0,
        nextRotationAt: null,
        enabledAt: null,
      },
      grants: [],
      imported: { fingerprint: null, expiresAt: null, imports: 0, issuedWrappingKeys: [] },
    });
    expect(findByAlias(s, 'key-1')?.keyId).toBe(id);
    expect(userKeyCount(s)).toBe(1);
  });

  it('KeyCreated of an asymmetric key: the version keeps its public key PEM', () => {
    const s = stateAfter(created(1, { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', material: rsaMaterial }));
    expect(findKey(s, id)?.versions).toEqual([{ ...rsaMaterial, createdAt: T0 + 1 }]);
  });

  it('KeyCreated without material (origin external): PendingImport with no versions', () => {
    const s = stateAfter(created(1, { origin: 'external', material: null }));
    expect(findKey(s, id)).toMatchObject({ status: 'PendingImport', origin: 'external', versions: [] });
  });

  it('KeyCreated of a default key: not counted in the quota', () => {
    const s = stateAfter(defaultKeyCreated(1, 'csms'));
    expect(findByAlias(s, 'csms/default')).toMatchObject({ isDefault: true, status: 'Enabled' });
    expect(userKeyCount(s)).toBe(0);
  });

  it('KeyCreated for an existing key id: ignored', () => {
    const s = stateAfter(created(1));
    expect(evolve(s, created(1, { alias: 'other' }))).toBe(s);
  });

  it('KeyDisabled then KeyEnabled: Enabled → Disabled → Enabled', () => {
    const disabled = stateAfter(created(1), { type: 'KeyDisabled', keyId: id, at: at(1) });
    expect(findKey(disabled, id)?.status).toBe('Disabled');
    const enabled = evolve(disabled, { type: 'KeyEnabled', keyId: id, at: at(2) });
    expect(findKey(enabled, id)?.status).toBe('Enabled');
  });

  it('KeyDeletionScheduled: PendingDeletion with days, schedule time, due time, hadMaterial', () => {
    const s = stateAfter(created(1), scheduled(30));
    expect(findKey(s, id)).toMatchObject({
      status: 'PendingDeletion',
      pendingDays: 30,
      scheduledAt: at(2),
      deleteAt: at(2) + 30 * DAY,
      hadMaterial: true,
      versions: [{ version: 1 }],
    });
    expect(userKeyCount(s)).toBe(1);
    expect(findByAlias(s, 'key-1')?.keyId).toBe(id);
  });

  it('KeyDeletionScheduled from PendingImport: hadMaterial false', () => {
    const s = stateAfter(created(1, { origin: 'external', material: null }), scheduled());
    expect(findKey(s, id)).toMatchObject({ status: 'PendingDeletion', hadMaterial: false });
  });

  it('KeyDeletionCancelled: back to the restored state, deletion fields dropped', () => {
    const s = stateAfter(created(1), scheduled(), { type: 'KeyDeletionCancelled', keyId: id, restoredTo: 'Disabled', at: at(3) });
    const k = findKey(s, id);
    expect(k?.status).toBe('Disabled');
    expect(k).not.toHaveProperty('deleteAt');
    expect(k).not.toHaveProperty('hadMaterial');
    const imp = stateAfter(created(1, { origin: 'external', material: null }), scheduled(), {
      type: 'KeyDeletionCancelled',
      keyId: id,
      restoredTo: 'PendingImport',
      at: at(3),
    });
    expect(findKey(imp, id)?.status).toBe('PendingImport');
  });

  it('KeyDestroyed: a tombstone without material; alias and quota slot freed', () => {
    const s = stateAfter(created(1), scheduled(), { type: 'KeyDestroyed', keyId: id, at: at(9) });
    expect(s.keys.get(id)).toEqual({ status: 'Destroyed', keyId: id, alias: 'key-1', destroyedAt: at(9) });
    expect(findKey(s, id)).toBeUndefined();
    expect(findByAlias(s, 'key-1')).toBeUndefined();
    expect(userKeyCount(s)).toBe(0);
    expect(activeKeys(s)).toEqual([]);
  });

  it('KeyAliasChanged: new alias indexed, previous alias freed', () => {
    const s = stateAfter(created(1), { type: 'KeyAliasChanged', keyId: id, alias: 'renamed', previousAlias: 'key-1', at: at(1) });
    expect(findKey(s, id)?.alias).toBe('renamed');
    expect(findByAlias(s, 'renamed')?.keyId).toBe(id);
    expect(findByAlias(s, 'key-1')).toBeUndefined();
  });

  it('KeyDescriptionChanged: description replaced, status kept', () => {
    const s = stateAfter(created(1), { type: 'KeyDisabled', keyId: id, at: at(1) }, {
      type: 'KeyDescriptionChanged',
      keyId: id,
      description: 'new',
      at: at(2),
    });
    expect(findKey(s, id)).toMatchObject({ description: 'new', status: 'Disabled' });
  });

  it('event for an unknown or destroyed key: ignored', () => {
    const s = stateAfter(created(1));
    expect(evolve(s, { type: 'KeyEnabled', keyId: keyId(99), at: at(1) })).toBe(s);
    const gone = stateAfter(created(1), scheduled(), { type: 'KeyDestroyed', keyId: id, at: at(9) });
    expect(evolve(gone, { type: 'KeyEnabled', keyId: id, at: at(10) })).toBe(gone);
    expect(evolve(gone, { type: 'KeyDestroyed', keyId: id, at: at(10) })).toBe(gone);
  });

  it('evolve: copy-on-write, the earlier state is unchanged', () => {
    const before = stateAfter(created(1));
    const after = evolve(before, { type: 'KeyDisabled', keyId: id, at: at(1) });
    expect(findKey(before, id)?.status).toBe('Enabled');
    expect(findKey(after, id)?.status).toBe('Disabled');
  });

  it('3000 keys: replay keeps every key and the counters', () => {
    const s = stateAfter(...manyKeys(3000), defaultKeyCreated(5000, 'kps'));
    expect(s.keys.size).toBe(3001);
    expect(userKeyCount(s)).toBe(3000);
    expect(findByAlias(s, 'key-2999')?.keyId).toBe(keyId(2999));
  });
});

describe('keyring helpers', () => {
  it('activeKeys: every key but destroyed ones', () => {
    const s = stateAfter(created(1), created(2), scheduled(), { type: 'KeyDestroyed', keyId: id, at: at(9) });
    expect(activeKeys(s).map((k) => k.keyId)).toEqual([keyId(2)]);
  });

  it('userKeyCount: default and destroyed keys excluded, pending deletion included', () => {
    const s = stateAfter(created(1), created(2), created(3), defaultKeyCreated(4, 'csms'), scheduled(), {
      type: 'KeyDisabled',
      keyId: keyId(2),
      at: at(3),
    });
    expect(userKeyCount(s)).toBe(3);
  });

  it('keyStateCode: Enabled 2, Disabled 3, PendingDeletion 4, PendingImport 5', () => {
    expect(keyStateCode('Enabled')).toBe('2');
    expect(keyStateCode('Disabled')).toBe('3');
    expect(keyStateCode('PendingDeletion')).toBe('4');
    expect(keyStateCode('PendingImport')).toBe('5');
  });
});

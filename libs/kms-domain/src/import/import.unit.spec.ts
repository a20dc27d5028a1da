import { DAY, T0, apply, created, given, keyId, refusal } from '../fixtures.spec.js';
import {
  dueForMaterialExpiry,
  expiredWrappingKeys,
  materialOwner,
  nextMaterialOwner,
  parseWrappingAlgorithm,
} from '../index.js';
import { decide, type KeyringCommand } from '../index.js';
import { evolve, findKey, type Keyring, type KeyringEvent, type LiveCmk } from '../index.js';

const ID = keyId(1);
const RSA = keyId(2);
const KMS = keyId(3);
const NOW = T0 + 10 * DAY;
const PEM = '-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----\n';

const extCreated = (n = 1) => created(n, { origin: 'external', material: null });
const rsaExtCreated = () =>
  created(2, { origin: 'external', material: null, keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' });

const issue = (wrappingKeyId = 'wk1', id = ID, now = NOW, algorithm = 'RSAES_OAEP_SHA_256'): KeyringCommand => ({
  type: 'IssueImportParameters',
  keyId: id,
  wrappingKeyId,
  algorithm,
  now,
  expiresAt: now + DAY,
});
const importCmd = (
  over: { wrappingKeyId?: string; fingerprint?: string; expiresAt?: number | null; now?: number; id?: string } = {},
): KeyringCommand => {
  const id = over.id ?? ID;
  return {
    type: 'ImportKeyMaterial',
    keyId: id,
    wrappingKeyId: over.wrappingKeyId ?? 'wk1',
    material: id === RSA ? { wrapped: 'd3Jw', publicKeyPem: PEM, owner: `${id}-m1` } : { wrapped: 'd3Jw', owner: `${id}-m1` },
    fingerprint: over.fingerprint ?? 'f1',
    expiresAt: over.expiresAt === undefined ? null : over.expiresAt,
    now: over.now ?? NOW,
  };
};
const del = (reason: 'manual' | 'expired' = 'manual', now = NOW, id = ID): KeyringCommand => ({
  type: 'DeleteImportedKeyMaterial',
  keyId: id,
  reason,
  now,
});

const key = (s: Keyring, id = ID): LiveCmk => {
  const k = findKey(s, id);
  if (!k) throw new Error(`key ${id} missing`);
  return k;
};
const fails = (s: Keyring, cmd: KeyringCommand) => refusal(() => decide(s, cmd));
const run = (s: Keyring, cmd: KeyringCommand): Keyring => decide(s, cmd).reduce<Keyring>((x, e) => evolve(x, e), s);

/** External AES key with wrapping key wk1 issued. */
const issued = () => apply(given(extCreated()), issue('wk1'));
/** External AES key, material imported (fingerprint f1, expiry `expiresAt`). */
const imported = (expiresAt: number | null = null) => apply(issued(), importCmd({ expiresAt }));

describe('key state of a new key', () => {
  it('origin kms: empty import bookkeeping', () => {
    expect(key(given(created(3)), KMS).imported).toEqual({
      fingerprint: null,
      expiresAt: null,
      imports: 0,
      issuedWrappingKeys: [],
    });
  });
});

describe('IssueImportParameters (get-parameters-for-import)', () => {
  it('records the wrapping key on a PendingImport external key', () => {
    const s = given(extCreated());
    expect(decide(s, issue('wk1'))).toEqual([
      { type: 'ImportParametersIssued', keyId: ID, wrappingKeyId: 'wk1', algorithm: 'RSAES_OAEP_SHA_256', expiresAt: NOW + DAY, at: NOW },
    ]);
    expect(key(run(s, issue('wk1'))).imported.issuedWrappingKeys).toEqual([{ wrappingKeyId: 'wk1', expiresAt: NOW + DAY }]);
  });
  it('RSAES_OAEP_SHA_1 is accepted', () => {
    expect(decide(given(extCreated()), issue('wk1', ID, NOW, 'RSAES_OAEP_SHA_1'))).toHaveLength(1);
  });
  it.each(['RSAES_PKCS1_V1_5', 'SM2_ENCRYPT', ''])('algorithm %p → KMS.0308 naming the supported ones', (alg) => {
    expect(fails(given(extCreated()), issue('wk1', ID, NOW, alg))).toMatchObject({
      code: 'KMS.0308',
      message: expect.stringContaining('RSAES_OAEP_SHA_256, RSAES_OAEP_SHA_1'),
    });
    expect(() => parseWrappingAlgorithm(alg)).toThrow();
  });
  it('unknown key → KMS.0207', () => {
    expect(fails(given(), issue())).toMatchObject({ code: 'KMS.0207' });
  });
  it('kms-origin key → KMS.0309', () => {
    expect(fails(given(created(3)), issue('wk1', KMS))).toMatchObject({
      code: 'KMS.0309',
      message: expect.stringContaining('only keys with origin external take imported material'),
    });
  });
  it('key with material (Enabled) → KMS.0310 naming the state', () => {
    expect(fails(imported(), issue('wk2'))).toMatchObject({ code: 'KMS.0310', message: expect.stringContaining('Enabled') });
  });
  it('key pending deletion → KMS.0310', () => {
    const s = apply(given(extCreated()), { type: 'ScheduleKeyDeletion', keyId: ID, pendingDays: 7, now: NOW });
    expect(fails(s, issue('wk1'))).toMatchObject({ code: 'KMS.0310', message: expect.stringContaining('PendingDeletion') });
  });
});

describe('ImportKeyMaterial', () => {
  it('PendingImport → Enabled with version 1 owned by its own entry; wrapping key spent in the same decision', () => {
    const s = issued();
    const events = decide(s, importCmd({ expiresAt: NOW + DAY }));
    expect(events).toEqual([
      {
        type: 'KeyMaterialImported',
        keyId: ID,
        material: { version: 1, wrapped: 'd3Jw', owner: `${ID}-m1` },
        fingerprint: 'f1',
        expiresAt: NOW + DAY,
        wrappingKeyId: 'wk1',
        at: NOW,
      },
      { type: 'ImportParametersSpent', keyId: ID, wrappingKeyId: 'wk1', at: NOW },
    ]);
    const k = key(events.reduce<Keyring>((x, e) => evolve(x, e), s));
    expect(k.status).toBe('Enabled');
    expect(k.versions).toEqual([{ version: 1, wrapped: 'd3Jw', owner: `${ID}-m1`, createdAt: NOW }]);
    expect(k.imported).toEqual({ fingerprint: 'f1', expiresAt: NOW + DAY, imports: 1, issuedWrappingKeys: [] });
    expect(materialOwner(k, k.versions[0]!)).toBe(`${ID}-m1`);
    expect(nextMaterialOwner(k)).toBe(`${ID}-m2`);
  });
  it('asymmetric material keeps its public key and never expires', () => {
    const s = apply(given(rsaExtCreated()), issue('wk1', RSA), importCmd({ id: RSA }));
    const k = key(s, RSA);
    expect(k.status).toBe('Enabled');
    expect(k.versions[0]).toMatchObject({ version: 1, publicKeyPem: PEM, owner: `${RSA}-m1` });
    expect(k.imported.expiresAt).toBeNull();
  });
  it('asymmetric key with an expiry → KMS.0308 "asymmetric imported material never expires"', () => {
    const s = apply(given(rsaExtCreated()), issue('wk1', RSA));
    expect(fails(s, importCmd({ id: RSA, expiresAt: NOW + DAY }))).toMatchObject({
      code: 'KMS.0308',
      message: expect.stringContaining('asymmetric imported material never expires'),
    });
  });
  it.each([NOW, NOW - 1])('expiry %p not after now → KMS.2602 naming both times', (at) => {
    const e = fails(issued(), importCmd({ expiresAt: at }));
    expect(e.code).toBe('KMS.2602');
    expect(e.message).toContain(new Date(at).toISOString());
    expect(e.message).toContain(new Date(NOW).toISOString());
  });
  it('unknown wrapping key → KMS.2605', () => {
    expect(fails(issued(), importCmd({ wrappingKeyId: 'nope' }))).toMatchObject({
      code: 'KMS.2605',
      message: expect.stringContaining('import token already used or unknown'),
    });
  });
  it('wrapping key issued for another key → KMS.2605', () => {
    const s = apply(given(extCreated(1), extCreated(4)), issue('wk-other', keyId(4)));
    expect(fails(s, importCmd({ wrappingKeyId: 'wk-other' }))).toMatchObject({ code: 'KMS.2605' });
  });
  it('spent wrapping key → KMS.2605', () => {
    const s = apply(issued(), { type: 'SpendImportParameters', keyId: ID, wrappingKeyId: 'wk1', now: NOW });
    expect(fails(s, importCmd())).toMatchObject({ code: 'KMS.2605' });
  });
  it('wrapping key used by an earlier import → KMS.2605', () => {
    const s = apply(imported(), del('manual', NOW + 1));
    expect(fails(s, importCmd({ now: NOW + 2 }))).toMatchObject({ code: 'KMS.2605' });
  });
  it('kms-origin key → KMS.0309', () => {
    expect(fails(given(created(3)), importCmd({ id: KMS }))).toMatchObject({ code: 'KMS.0309' });
  });
  it('key with material → KMS.0310', () => {
    const s = apply(issued(), issue('wk2'), importCmd({ wrappingKeyId: 'wk1' }));
    expect(fails(s, importCmd({ wrappingKeyId: 'wk2' }))).toMatchObject({
      code: 'KMS.0310',
      message: expect.stringContaining('Enabled'),
    });
  });
  it('unknown key → KMS.0207', () => {
    expect(fails(given(), importCmd())).toMatchObject({ code: 'KMS.0207' });
  });
});

describe('re-import after deletion (bound to the first material)', () => {
  const afterDelete = () => apply(imported(), del('manual', NOW + 1), issue('wk2', ID, NOW + 2));
  it('byte-identical material is taken again, as version 1 under the next entry', () => {
    const cmd: KeyringCommand = {
      type: 'ImportKeyMaterial',
      keyId: ID,
      wrappingKeyId: 'wk2',
      material: { wrapped: 'd3Jw2', owner: `${ID}-m2` },
      fingerprint: 'f1',
      expiresAt: null,
      now: NOW + 3,
    };
    const s0 = afterDelete();
    expect(cmd.type === 'ImportKeyMaterial' && cmd.material.owner).toBe(nextMaterialOwner(key(s0)));
    const k = key(run(s0, cmd));
    expect(k.status).toBe('Enabled');
    expect(k.versions).toEqual([{ version: 1, wrapped: 'd3Jw2', owner: `${ID}-m2`, createdAt: NOW + 3 }]);
    expect(k.imported).toEqual({ fingerprint: 'f1', expiresAt: null, imports: 2, issuedWrappingKeys: [] });
  });
  it('different material → KMS.2606', () => {
    expect(fails(afterDelete(), importCmd({ wrappingKeyId: 'wk2', fingerprint: 'f2', now: NOW + 3 }))).toMatchObject({
      code: 'KMS.2606',
      message: expect.stringContaining('a re-import must be byte-identical'),
    });
  });
});

describe('DeleteImportedKeyMaterial (manual)', () => {
  it.each(['Enabled', 'Disabled'])('%s → PendingImport, material gone, fingerprint kept', (status) => {
    const s0 = status === 'Disabled' ? apply(imported(NOW + DAY), { type: 'DisableKey', keyId: ID, now: NOW }) : imported(NOW + DAY);
    expect(decide(s0, del('manual', NOW + 1))).toEqual([
      { type: 'KeyMaterialDeleted', keyId: ID, reason: 'manual', at: NOW + 1 },
    ]);
    const k = key(run(s0, del('manual', NOW + 1)));
    expect(k.status).toBe('PendingImport');
    expect(k.versions).toEqual([]);
    expect(k.imported).toMatchObject({ fingerprint: 'f1', expiresAt: null, imports: 1 });
  });
  it('PendingImport → KMS.2701 naming the state', () => {
    expect(fails(given(extCreated()), del())).toMatchObject({ code: 'KMS.2701', message: expect.stringContaining('PendingImport') });
  });
  it('PendingDeletion → KMS.2701', () => {
    const s = apply(imported(), { type: 'ScheduleKeyDeletion', keyId: ID, pendingDays: 7, now: NOW });
    expect(fails(s, del())).toMatchObject({ code: 'KMS.2701', message: expect.stringContaining('PendingDeletion') });
  });
  it('asymmetric key → KMS.2701 "asymmetric imported material cannot be deleted"', () => {
    const s = apply(given(rsaExtCreated()), issue('wk1', RSA), importCmd({ id: RSA }));
    expect(fails(s, del('manual', NOW, RSA))).toMatchObject({
      code: 'KMS.2701',
      message: expect.stringContaining('asymmetric imported material cannot be deleted'),
    });
  });
  it('kms-origin key → KMS.0309', () => {
    expect(fails(given(created(3)), del('manual', NOW, KMS))).toMatchObject({ code: 'KMS.0309' });
  });
  it('unknown key → KMS.0207', () => {
    expect(fails(given(), del())).toMatchObject({ code: 'KMS.0207' });
  });
  it('crypto is refused afterwards and enabling needs material first', () => {
    const s = apply(imported(), del('manual', NOW + 1));
    expect(fails(s, { type: 'EnableKey', keyId: ID, now: NOW + 2 })).toMatchObject({ code: 'KMS.0309' });
  });
});

describe('material expiry sweep', () => {
  const EXP = NOW + DAY;
  it('dueForMaterialExpiry lists expired symmetric external keys with material, soonest first', () => {
    let s = apply(imported(EXP), { type: 'DisableKey', keyId: ID, now: NOW });
    s = apply(
      evolve(s, created(5, { origin: 'external', material: null })),
      issue('wk5', keyId(5)),
      importCmd({ id: keyId(5), wrappingKeyId: 'wk5', expiresAt: EXP - 5 }),
    );
    s = evolve(s, created(6, { origin: 'external', material: null })); // PendingImport: nothing to expire
    s = evolve(s, created(3)); // kms origin
    expect(dueForMaterialExpiry(s, EXP - 6)).toEqual([]);
    expect(dueForMaterialExpiry(s, EXP - 5)).toEqual([keyId(5)]);
    expect(dueForMaterialExpiry(s, EXP)).toEqual([keyId(5), ID]);
  });
  it('never-expiring material is never due', () => {
    expect(dueForMaterialExpiry(imported(null), NOW + 1000 * DAY)).toEqual([]);
  });
  it('a key pending deletion is swept too, stays pending deletion and cancels back to PendingImport', () => {
    let s = apply(imported(EXP), { type: 'ScheduleKeyDeletion', keyId: ID, pendingDays: 7, now: NOW });
    expect(dueForMaterialExpiry(s, EXP)).toEqual([ID]);
    s = apply(s, del('expired', EXP));
    const k = key(s);
    expect(k.status).toBe('PendingDeletion');
    expect(k.versions).toEqual([]);
    expect(dueForMaterialExpiry(s, EXP)).toEqual([]);
    s = apply(s, { type: 'CancelKeyDeletion', keyId: ID, now: EXP + 1 });
    expect(key(s).status).toBe('PendingImport');
  });
  it('expired deletion: due key → KeyMaterialDeleted(expired), PendingImport', () => {
    const s = imported(EXP);
    expect(decide(s, del('expired', EXP))).toEqual([{ type: 'KeyMaterialDeleted', keyId: ID, reason: 'expired', at: EXP }]);
    expect(key(run(s, del('expired', EXP))).status).toBe('PendingImport');
  });
  it('stale runs yield nothing: not yet due, never expires, already deleted, destroyed', () => {
    expect(decide(imported(EXP), del('expired', EXP - 1))).toEqual([]);
    expect(decide(imported(null), del('expired', EXP))).toEqual([]);
    expect(decide(apply(imported(EXP), del('expired', EXP)), del('expired', EXP + 1))).toEqual([]);
    const destroyed = apply(
      imported(EXP),
      { type: 'ScheduleKeyDeletion', keyId: ID, pendingDays: 7, now: NOW },
      { type: 'DestroyKey', keyId: ID, now: NOW + 8 * DAY },
    );
    expect(decide(destroyed, del('expired', NOW + 9 * DAY))).toEqual([]);
  });
  it('expired deletion still refuses kms-origin (KMS.0309) and asymmetric (KMS.2701) keys', () => {
    expect(fails(given(created(3)), del('expired', NOW, KMS))).toMatchObject({ code: 'KMS.0309' });
    const s = apply(given(rsaExtCreated()), issue('wk1', RSA), importCmd({ id: RSA }));
    expect(fails(s, del('expired', NOW, RSA))).toMatchObject({ code: 'KMS.2701' });
  });
});

describe('wrapping keys: expiry and spending', () => {
  it('expiredWrappingKeys lists issued, unspent wrapping keys whose time is up', () => {
    const s = apply(given(extCreated(1), extCreated(4)), issue('a', ID, NOW), issue('b', ID, NOW + 10), issue('c', keyId(4), NOW));
    expect(expiredWrappingKeys(s, NOW + DAY - 1)).toEqual([]);
    expect(expiredWrappingKeys(s, NOW + DAY)).toEqual([
      { keyId: ID, wrappingKeyId: 'a' },
      { keyId: keyId(4), wrappingKeyId: 'c' },
    ]);
    const spent = apply(s, { type: 'SpendImportParameters', keyId: ID, wrappingKeyId: 'a', now: NOW + DAY });
    expect(expiredWrappingKeys(spent, NOW + DAY + 10)).toEqual([
      { keyId: ID, wrappingKeyId: 'b' },
      { keyId: keyId(4), wrappingKeyId: 'c' },
    ]);
  });
  it('SpendImportParameters is idempotent: unknown or already spent → []', () => {
    const spend: KeyringCommand = { type: 'SpendImportParameters', keyId: ID, wrappingKeyId: 'wk1', now: NOW };
    const s = issued();
    expect(decide(s, spend)).toEqual([{ type: 'ImportParametersSpent', keyId: ID, wrappingKeyId: 'wk1', at: NOW }]);
    expect(decide(run(s, spend), spend)).toEqual([]);
    expect(decide(given(extCreated()), spend)).toEqual([]);
  });
  it('an imported key has no outstanding wrapping keys', () => {
    expect(expiredWrappingKeys(imported(), NOW + 2 * DAY)).toEqual([]);
  });
});

describe('rotation and deletion of external keys', () => {
  it('rotation of an imported key is refused (KMS.0308)', () => {
    const s = imported();
    for (const cmd of [
      { type: 'EnableKeyRotation', keyId: ID, now: NOW },
      { type: 'RotateKey', keyId: ID, now: NOW, material: { version: 2, wrapped: 'w2' }, trigger: 'on-demand' },
    ] as KeyringCommand[]) {
      expect(fails(s, cmd)).toMatchObject({ code: 'KMS.0308', message: expect.stringContaining('never rotated') });
    }
  });
  it('a PendingImport key can be scheduled for deletion', () => {
    const events: readonly KeyringEvent[] = decide(given(extCreated()), {
      type: 'ScheduleKeyDeletion',
      keyId: ID,
      pendingDays: 7,
      now: NOW,
    });
    expect(events).toMatchObject([{ type: 'KeyDeletionScheduled', keyId: ID }]);
  });
  it('materialOwner of a kms-origin version is the key id', () => {
    const k = key(given(created(3)), KMS);
    expect(materialOwner(k, k.versions[0]!)).toBe(KMS);
  });
});

import { DAY, T0, created, given, history, keyId, oneEvent, stateAfter } from '../fixtures.spec.js';
import {
  dueForMaterialExpiry,
  expiredWrappingKeys,
  materialOwner,
  nextMaterialOwner,
  parseWrappingAlgorithm,
} from '../index.js';
import { findKey, type Keyring, type KeyringCommand, type KeyringEvent, type LiveCmk } from '../index.js';

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
const scheduleDeletion: KeyringCommand = { type: 'ScheduleKeyDeletion', keyId: ID, pendingDays: 7, now: NOW };
const spend = (wrappingKeyId: string, now = NOW): KeyringCommand => ({ type: 'SpendImportParameters', keyId: ID, wrappingKeyId, now });

const key = (s: Keyring, id = ID): LiveCmk => {
  const k = findKey(s, id);
  if (!k) throw new Error(`key ${id} missing`);
  return k;
};
const keyAfter = (events: readonly KeyringEvent[], id = ID): LiveCmk => key(stateAfter(...events), id);

/** External AES key with wrapping key wk1 issued. */
const issued = () => history([extCreated()], issue('wk1'));
/** External AES key, material imported (fingerprint f1, expiry `expiresAt`). */
const imported = (expiresAt: number | null = null) => history(issued(), importCmd({ expiresAt }));
/** External RSA key 2 with wrapping key wk1 issued. */
const rsaIssued = () => history([rsaExtCreated()], issue('wk1', RSA));

describe('key state of a new key', () => {
  it('origin kms: empty import bookkeeping', () => {
    expect(keyAfter([created(3)], KMS).imported).toEqual({
      fingerprint: null,
      expiresAt: null,
      imports: 0,
      issuedWrappingKeys: [],
    });
  });
});

describe('IssueImportParameters (get-parameters-for-import)', () => {
  it('records the wrapping key on a PendingImport external key', () => {
    given([extCreated()]).when(issue('wk1')).then([
      { type: 'ImportParametersIssued', keyId: ID, wrappingKeyId: 'wk1', algorithm: 'RSAES_OAEP_SHA_256', expiresAt: NOW + DAY, at: NOW },
    ]);
    given([extCreated()])
      .when(issue('wk1'))
      .thenSucceeds((_, s) => expect(key(s).imported.issuedWrappingKeys).toEqual([{ wrappingKeyId: 'wk1', expiresAt: NOW + DAY }]));
  });
  it('RSAES_OAEP_SHA_1 is accepted', () => {
    given([extCreated()]).when(issue('wk1', ID, NOW, 'RSAES_OAEP_SHA_1')).thenSucceeds(oneEvent);
  });
  it.each(['RSAES_PKCS1_V1_5', 'SM2_ENCRYPT', ''])('algorithm %p → KMS.0308 naming the supported ones', (alg) => {
    given([extCreated()])
      .when(issue('wk1', ID, NOW, alg))
      .thenRefuses({ code: 'KMS.0308', message: 'RSAES_OAEP_SHA_256, RSAES_OAEP_SHA_1' });
    expect(() => parseWrappingAlgorithm(alg)).toThrow();
  });
  it('unknown key → KMS.0207', () => {
    given().when(issue()).thenRefuses({ code: 'KMS.0207' });
  });
  it('kms-origin key → KMS.0309', () => {
    given([created(3)])
      .when(issue('wk1', KMS))
      .thenRefuses({ code: 'KMS.0309', message: 'only keys with origin external take imported material' });
  });
  it('key with material (Enabled) → KMS.0310 naming the state', () => {
    given(imported()).when(issue('wk2')).thenRefuses({ code: 'KMS.0310', message: 'Enabled' });
  });
  it('key pending deletion → KMS.0310', () => {
    given(history([extCreated()], scheduleDeletion)).when(issue('wk1')).thenRefuses({ code: 'KMS.0310', message: 'PendingDeletion' });
  });
});

describe('ImportKeyMaterial', () => {
  it('PendingImport → Enabled with version 1 owned by its own entry; wrapping key spent in the same decision', () => {
    given(issued()).when(importCmd({ expiresAt: NOW + DAY })).then([
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
    given(issued())
      .when(importCmd({ expiresAt: NOW + DAY }))
      .thenSucceeds((_, s) => {
        const k = key(s);
        expect(k.status).toBe('Enabled');
        expect(k.versions).toEqual([{ version: 1, wrapped: 'd3Jw', owner: `${ID}-m1`, createdAt: NOW }]);
        expect(k.imported).toEqual({ fingerprint: 'f1', expiresAt: NOW + DAY, imports: 1, issuedWrappingKeys: [] });
        expect(materialOwner(k, k.versions[0]!)).toBe(`${ID}-m1`);
        expect(nextMaterialOwner(k)).toBe(`${ID}-m2`);
      });
  });
  it('asymmetric material keeps its public key and never expires', () => {
    given(rsaIssued())
      .when(importCmd({ id: RSA }))
      .thenSucceeds((_, s) => {
        const k = key(s, RSA);
        expect(k.status).toBe('Enabled');
        expect(k.versions[0]).toMatchObject({ version: 1, publicKeyPem: PEM, owner: `${RSA}-m1` });
        expect(k.imported.expiresAt).toBeNull();
      });
  });
  it('asymmetric key with an expiry → KMS.0308 "asymmetric imported material never expires"', () => {
    given(rsaIssued())
      .when(importCmd({ id: RSA, expiresAt: NOW + DAY }))
      .thenRefuses({ code: 'KMS.0308', message: 'asymmetric imported material never expires' });
  });
  it.each([NOW, NOW - 1])('expiry %p not after now → KMS.2602 naming both times', (at) => {
    const e = given(issued()).when(importCmd({ expiresAt: at })).thenRefuses({ code: 'KMS.2602' });
    expect(e.message).toContain(new Date(at).toISOString());
    expect(e.message).toContain(new Date(NOW).toISOString());
  });
  it('unknown wrapping key → KMS.2605', () => {
    given(issued())
      .when(importCmd({ wrappingKeyId: 'nope' }))
      .thenRefuses({ code: 'KMS.2605', message: 'import token already used or unknown' });
  });
  it('wrapping key issued for another key → KMS.2605', () => {
    given(history([extCreated(1), extCreated(4)], issue('wk-other', keyId(4))))
      .when(importCmd({ wrappingKeyId: 'wk-other' }))
      .thenRefuses({ code: 'KMS.2605' });
  });
  it('spent wrapping key → KMS.2605', () => {
    given(history(issued(), spend('wk1'))).when(importCmd()).thenRefuses({ code: 'KMS.2605' });
  });
  it('wrapping key used by an earlier import → KMS.2605', () => {
    given(history(imported(), del('manual', NOW + 1))).when(importCmd({ now: NOW + 2 })).thenRefuses({ code: 'KMS.2605' });
  });
  it('kms-origin key → KMS.0309', () => {
    given([created(3)]).when(importCmd({ id: KMS })).thenRefuses({ code: 'KMS.0309' });
  });
  it('key with material → KMS.0310', () => {
    given(history(issued(), issue('wk2'), importCmd({ wrappingKeyId: 'wk1' })))
      .when(importCmd({ wrappingKeyId: 'wk2' }))
      .thenRefuses({ code: 'KMS.0310', message: 'Enabled' });
  });
  it('unknown key → KMS.0207', () => {
    given().when(importCmd()).thenRefuses({ code: 'KMS.0207' });
  });
});

describe('re-import after deletion (bound to the first material)', () => {
  const afterDelete = () => history(imported(), del('manual', NOW + 1), issue('wk2', ID, NOW + 2));
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
    expect(cmd.type === 'ImportKeyMaterial' && cmd.material.owner).toBe(nextMaterialOwner(keyAfter(afterDelete())));
    given(afterDelete())
      .when(cmd)
      .thenSucceeds((_, s) => {
        const k = key(s);
        expect(k.status).toBe('Enabled');
        expect(k.versions).toEqual([{ version: 1, wrapped: 'd3Jw2', owner: `${ID}-m2`, createdAt: NOW + 3 }]);
        expect(k.imported).toEqual({ fingerprint: 'f1', expiresAt: null, imports: 2, issuedWrappingKeys: [] });
      });
  });
  it('different material → KMS.2606', () => {
    given(afterDelete())
      .when(importCmd({ wrappingKeyId: 'wk2', fingerprint: 'f2', now: NOW + 3 }))
      .thenRefuses({ code: 'KMS.2606', message: 'a re-import must be byte-identical' });
  });
});

describe('DeleteImportedKeyMaterial (manual)', () => {
  it.each(['Enabled', 'Disabled'])('%s → PendingImport, material gone, fingerprint kept', (status) => {
    const past =
      status === 'Disabled' ? history(imported(NOW + DAY), { type: 'DisableKey', keyId: ID, now: NOW }) : imported(NOW + DAY);
    given(past).when(del('manual', NOW + 1)).then([{ type: 'KeyMaterialDeleted', keyId: ID, reason: 'manual', at: NOW + 1 }]);
    given(past)
      .when(del('manual', NOW + 1))
      .thenSucceeds((_, s) => {
        const k = key(s);
        expect(k.status).toBe('PendingImport');
        expect(k.versions).toEqual([]);
        expect(k.imported).toMatchObject({ fingerprint: 'f1', expiresAt: null, imports: 1 });
      });
  });
  it('PendingImport → KMS.2701 naming the state', () => {
    given([extCreated()]).when(del()).thenRefuses({ code: 'KMS.2701', message: 'PendingImport' });
  });
  it('PendingDeletion → KMS.2701', () => {
    given(history(imported(), scheduleDeletion)).when(del()).thenRefuses({ code: 'KMS.2701', message: 'PendingDeletion' });
  });
  it('asymmetric key → KMS.2701 "asymmetric imported material cannot be deleted"', () => {
    given(history(rsaIssued(), importCmd({ id: RSA })))
      .when(del('manual', NOW, RSA))
      .thenRefuses({ code: 'KMS.2701', message: 'asymmetric imported material cannot be deleted' });
  });
  it('kms-origin key → KMS.0309', () => {
    given([created(3)]).when(del('manual', NOW, KMS)).thenRefuses({ code: 'KMS.0309' });
  });
  it('unknown key → KMS.0207', () => {
    given().when(del()).thenRefuses({ code: 'KMS.0207' });
  });
  it('crypto is refused afterwards and enabling needs material first', () => {
    given(history(imported(), del('manual', NOW + 1)))
      .when({ type: 'EnableKey', keyId: ID, now: NOW + 2 })
      .thenRefuses({ code: 'KMS.0309' });
  });
});

describe('material expiry sweep', () => {
  const EXP = NOW + DAY;
  it('dueForMaterialExpiry lists expired symmetric external keys with material, soonest first', () => {
    const disabled = history(imported(EXP), { type: 'DisableKey', keyId: ID, now: NOW });
    const s = stateAfter(
      ...history(
        [...disabled, extCreated(5)],
        issue('wk5', keyId(5)),
        importCmd({ id: keyId(5), wrappingKeyId: 'wk5', expiresAt: EXP - 5 }),
      ),
      extCreated(6), // PendingImport: nothing to expire
      created(3), // kms origin
    );
    expect(dueForMaterialExpiry(s, EXP - 6)).toEqual([]);
    expect(dueForMaterialExpiry(s, EXP - 5)).toEqual([keyId(5)]);
    expect(dueForMaterialExpiry(s, EXP)).toEqual([keyId(5), ID]);
  });
  it('never-expiring material is never due', () => {
    expect(dueForMaterialExpiry(stateAfter(...imported(null)), NOW + 1000 * DAY)).toEqual([]);
  });
  it('a key pending deletion is swept too, stays pending deletion and cancels back to PendingImport', () => {
    const pending = history(imported(EXP), scheduleDeletion);
    expect(dueForMaterialExpiry(stateAfter(...pending), EXP)).toEqual([ID]);
    given(pending)
      .when(del('expired', EXP))
      .thenSucceeds((_, s) => {
        const k = key(s);
        expect(k.status).toBe('PendingDeletion');
        expect(k.versions).toEqual([]);
        expect(dueForMaterialExpiry(s, EXP)).toEqual([]);
      });
    given(history(pending, del('expired', EXP)))
      .when({ type: 'CancelKeyDeletion', keyId: ID, now: EXP + 1 })
      .thenSucceeds((_, s) => expect(key(s).status).toBe('PendingImport'));
  });
  it('expired deletion: due key → KeyMaterialDeleted(expired), PendingImport', () => {
    given(imported(EXP)).when(del('expired', EXP)).then([{ type: 'KeyMaterialDeleted', keyId: ID, reason: 'expired', at: EXP }]);
    given(imported(EXP))
      .when(del('expired', EXP))
      .thenSucceeds((_, s) => expect(key(s).status).toBe('PendingImport'));
  });
  it('stale runs yield nothing: not yet due, never expires, already deleted, destroyed', () => {
    given(imported(EXP)).when(del('expired', EXP - 1)).then([]);
    given(imported(null)).when(del('expired', EXP)).then([]);
    given(history(imported(EXP), del('expired', EXP))).when(del('expired', EXP + 1)).then([]);
    const destroyed = history(imported(EXP), scheduleDeletion, { type: 'DestroyKey', keyId: ID, now: NOW + 8 * DAY });
    given(destroyed).when(del('expired', NOW + 9 * DAY)).then([]);
  });
  it('expired deletion still refuses kms-origin (KMS.0309) and asymmetric (KMS.2701) keys', () => {
    given([created(3)]).when(del('expired', NOW, KMS)).thenRefuses({ code: 'KMS.0309' });
    given(history(rsaIssued(), importCmd({ id: RSA }))).when(del('expired', NOW, RSA)).thenRefuses({ code: 'KMS.2701' });
  });
});

describe('wrapping keys: expiry and spending', () => {
  it('expiredWrappingKeys lists issued, unspent wrapping keys whose time is up', () => {
    const outstanding = history([extCreated(1), extCreated(4)], issue('a', ID, NOW), issue('b', ID, NOW + 10), issue('c', keyId(4), NOW));
    const s = stateAfter(...outstanding);
    expect(expiredWrappingKeys(s, NOW + DAY - 1)).toEqual([]);
    expect(expiredWrappingKeys(s, NOW + DAY)).toEqual([
      { keyId: ID, wrappingKeyId: 'a' },
      { keyId: keyId(4), wrappingKeyId: 'c' },
    ]);
    const spent = stateAfter(...history(outstanding, spend('a', NOW + DAY)));
    expect(expiredWrappingKeys(spent, NOW + DAY + 10)).toEqual([
      { keyId: ID, wrappingKeyId: 'b' },
      { keyId: keyId(4), wrappingKeyId: 'c' },
    ]);
  });
  it('SpendImportParameters is idempotent: unknown or already spent → []', () => {
    given(issued()).when(spend('wk1')).then([{ type: 'ImportParametersSpent', keyId: ID, wrappingKeyId: 'wk1', at: NOW }]);
    given(history(issued(), spend('wk1'))).when(spend('wk1')).then([]);
    given([extCreated()]).when(spend('wk1')).then([]);
  });
  it('an imported key has no outstanding wrapping keys', () => {
    expect(expiredWrappingKeys(stateAfter(...imported()), NOW + 2 * DAY)).toEqual([]);
  });
});

describe('rotation and deletion of external keys', () => {
  it('rotation of an imported key is refused (KMS.0308)', () => {
    for (const cmd of [
      { type: 'EnableKeyRotation', keyId: ID, now: NOW },
      { type: 'RotateKey', keyId: ID, now: NOW, material: { version: 2, wrapped: 'w2' }, trigger: 'on-demand' },
    ] as KeyringCommand[]) {
      given(imported()).when(cmd).thenRefuses({ code: 'KMS.0308', message: 'never rotated' });
    }
  });
  it('a PendingImport key can be scheduled for deletion', () => {
    given([extCreated()])
      .when(scheduleDeletion)
      .thenSucceeds((events) => expect(events).toMatchObject([{ type: 'KeyDeletionScheduled', keyId: ID }]));
  });
  it('materialOwner of a kms-origin version is the key id', () => {
    const k = keyAfter([created(3)], KMS);
    expect(materialOwner(k, k.versions[0]!)).toBe(KMS);
  });
});

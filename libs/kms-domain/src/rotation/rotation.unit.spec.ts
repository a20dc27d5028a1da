import { DAY, T0, created, defaultKeyCreated, given, history, keyId, oneEvent, rsaMaterial, stateAfter } from '../fixtures.spec.js';
import { findKey, type Keyring, type KeyringCommand, type KeyringEvent } from '../index.js';
import { MATERIAL_STATE, dueForRotation, keyMaterials, nextKeyVersion, rotationStatus, validateRotationInterval } from '../index.js';

const ID = keyId(1);
const DEF = keyId(9);
const NOW = T0 + 10 * DAY;

const enable = (now = NOW, id = ID): KeyringCommand => ({ type: 'EnableKeyRotation', keyId: id, now });
const disableRot = (now = NOW, id = ID): KeyringCommand => ({ type: 'DisableKeyRotation', keyId: id, now });
const interval = (intervalDays: number, now = NOW, id = ID): KeyringCommand => ({
  type: 'UpdateKeyRotationInterval',
  keyId: id,
  intervalDays,
  now,
});
const rotate = (
  version: number,
  now = NOW,
  trigger: 'scheduled' | 'on-demand' = 'on-demand',
  id = ID,
): KeyringCommand => ({ type: 'RotateKey', keyId: id, now, material: { version, wrapped: `w${version}` }, trigger });

const keyDisabled = (at: number): KeyringEvent => ({ type: 'KeyDisabled', keyId: ID, at });
const keyEnabled = (at: number): KeyringEvent => ({ type: 'KeyEnabled', keyId: ID, at });
const deletionScheduled = (at: number, deleteAt: number, pendingDays = 7): KeyringEvent => ({
  type: 'KeyDeletionScheduled',
  keyId: ID,
  pendingDays,
  deleteAt,
  at,
});

/** Key 1 (AES, kms origin, rotation off) beside the default key 9. */
const base: readonly KeyringEvent[] = [created(1), defaultKeyCreated(9, 'kps')];
const key = (s: Keyring) => {
  const k = findKey(s, ID);
  if (!k) throw new Error('key 1 missing');
  return k;
};
const keyAfter = (events: readonly KeyringEvent[]) => key(stateAfter(...events));

describe('rotation interval (30..365 days)', () => {
  it.each([30, 100, 365])('%i days is accepted', (d) => {
    expect(validateRotationInterval(d)).toBe(d);
    given(base).when(interval(d === 365 ? 30 : d)).thenSucceeds(oneEvent);
  });
  it.each([29, 366, 0, -1, 30.5])('%p days is refused with KMS.0308 naming the value', (d) => {
    const err = given(base).when(interval(d)).thenRefuses({ code: 'KMS.0308' });
    expect(err.message).toBe(`rotation_interval must be 30..365, got ${d}`);
  });
  it('the interval defaults to 365 and rotation is off by default', () => {
    expect(rotationStatus(keyAfter(base))).toEqual({
      enabled: false,
      intervalDays: 365,
      lastRotatedAt: null,
      rotations: 0,
      nextRotationAt: null,
    });
  });
  it('the same interval again changes nothing', () => {
    given(base).when(interval(365)).then([]);
  });
});

describe('EnableKeyRotation / DisableKeyRotation', () => {
  it('enabling: KeyRotationEnabled, next rotation one interval later', () => {
    given(base).when(enable()).then([{ type: 'KeyRotationEnabled', keyId: ID, at: NOW }]);
    given(base)
      .when(enable())
      .thenSucceeds((_, s) => expect(key(s).rotation).toMatchObject({ enabled: true, nextRotationAt: NOW + 365 * DAY, enabledAt: NOW }));
  });
  it('enabling twice: no second event (the plan is kept)', () => {
    given(history(base, enable())).when(enable(NOW + DAY)).then([]);
  });
  it('disabling: KeyRotationDisabled, no plan, history kept', () => {
    given(history(base, enable(), rotate(2, NOW + DAY)))
      .when(disableRot(NOW + 2 * DAY))
      .thenSucceeds((_, s) =>
        expect(rotationStatus(key(s))).toEqual({
          enabled: false,
          intervalDays: 365,
          lastRotatedAt: NOW + DAY,
          rotations: 1,
          nextRotationAt: null,
        }),
      );
  });
  it('disabling when off: no event', () => {
    given(base).when(disableRot()).then([]);
  });
  it('disabling on a Disabled key is allowed; pending deletion refuses with KMS.0210', () => {
    const on = history(base, enable());
    given([...on, keyDisabled(NOW)]).when(disableRot()).then([{ type: 'KeyRotationDisabled', keyId: ID, at: NOW }]);
    given([...on, deletionScheduled(NOW, NOW + 7 * DAY)]).when(disableRot()).thenRefuses({ code: 'KMS.0210' });
  });
});

describe('which keys may rotate', () => {
  const asym = [created(1, { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', material: rsaMaterial })];
  const ext = [created(1, { origin: 'external', material: null }), keyEnabled(T0 + 5)];
  const cmds = [enable(), disableRot(), interval(90), rotate(2)];

  it.each(cmds)('asymmetric key: $type refused with KMS.0308 naming the spec', (cmd) => {
    given(asym).when(cmd).thenRefuses({ code: 'KMS.0308', message: 'RSA_2048' });
  });
  it.each(cmds)('external key: $type refused with KMS.0308 "imported keys are never rotated"', (cmd) => {
    given(ext).when(cmd).thenRefuses({ code: 'KMS.0308', message: 'imported keys are never rotated' });
  });
  it.each([enable(NOW, DEF), disableRot(NOW, DEF), interval(90, NOW, DEF), rotate(2, NOW, 'on-demand', DEF)])(
    'default key: $type refused with KMS.0211',
    (cmd) => {
      given(base).when(cmd).thenRefuses({ code: 'KMS.0211' });
    },
  );
  it.each([enable(), interval(90), rotate(2)])('disabled key: $type refused with KMS.0209', (cmd) => {
    given([...base, keyDisabled(T0 + 5)]).when(cmd).thenRefuses({ code: 'KMS.0209' });
  });
  it.each([enable(), interval(90), rotate(2)])('key pending deletion: $type refused with KMS.0210', (cmd) => {
    given([...base, deletionScheduled(T0 + 5, NOW)]).when(cmd).thenRefuses({ code: 'KMS.0210' });
  });
  it.each([enable(NOW, keyId(77)), rotate(2, NOW, 'on-demand', keyId(77))])('unknown key: $type refused with KMS.0207', (cmd) => {
    given(base).when(cmd).thenRefuses({ code: 'KMS.0207' });
  });
});

describe('RotateKey', () => {
  it('on demand: KeyRotated appends version 2; encryption uses the newest, older versions stay', () => {
    given(base).when(rotate(2)).then([
      { type: 'KeyRotated', keyId: ID, material: { version: 2, wrapped: 'w2' }, trigger: 'on-demand', at: NOW },
    ]);
    given(base)
      .when(rotate(2))
      .thenSucceeds((_, s) => {
        expect(key(s).versions.map((v) => v.version)).toEqual([1, 2]);
        expect(key(s).versions.at(-1)).toEqual({ version: 2, wrapped: 'w2', createdAt: NOW });
        expect(key(s).rotation).toMatchObject({ lastRotatedAt: NOW, rotations: 1, nextRotationAt: null });
      });
  });
  it('the version must be latest + 1 (service bug → KMS.0101)', () => {
    given(base).when(rotate(3)).thenRefuses({ code: 'KMS.0101' });
    given(base).when(rotate(1)).thenRefuses({ code: 'KMS.0101' });
    expect(nextKeyVersion(keyAfter(base))).toBe(2);
  });
  it('50 rotations keep 51 versions in order; count and last time shown', () => {
    const rotations = Array.from({ length: 49 }, (_, i) => rotate(i + 2, T0 + (i + 2) * DAY));
    given(history(base, enable(T0 + 100), ...rotations))
      .when(rotate(51, T0 + 51 * DAY))
      .thenSucceeds((_, s) => {
        const k = key(s);
        expect(k.versions.map((v) => v.version)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
        expect(k.versions.map((v) => v.wrapped).slice(1, 3)).toEqual(['w2', 'w3']);
        expect(rotationStatus(k)).toMatchObject({ rotations: 50, lastRotatedAt: T0 + 51 * DAY });
        expect(k.rotation.nextRotationAt).toBe(T0 + 51 * DAY + 365 * DAY);
      });
  });
  it('a rotation with automatic rotation on replans from its own time', () => {
    given(history(base, enable(), interval(30, NOW + DAY)))
      .when(rotate(2, NOW + 5 * DAY))
      .thenSucceeds((_, s) => expect(key(s).rotation).toMatchObject({ lastRotatedAt: NOW + 5 * DAY, nextRotationAt: NOW + 35 * DAY }));
  });
  it('scheduled trigger: rotates when due, yields nothing when not due / rotation off / key not Enabled', () => {
    const on = history(base, enable(), interval(30));
    const due = NOW + 30 * DAY;
    given(on).when(rotate(2, due, 'scheduled')).thenSucceeds(oneEvent);
    given(on).when(rotate(2, due - 1, 'scheduled')).then([]);
    given(base).when(rotate(2, due, 'scheduled')).then([]);
    given([...on, keyDisabled(NOW + DAY)]).when(rotate(2, due, 'scheduled')).then([]);
    // a retried scheduled run after the rotation happened: not due any more
    given(history(on, rotate(2, due, 'scheduled'))).when(rotate(3, due, 'scheduled')).then([]);
  });
});

describe('UpdateKeyRotationInterval replans', () => {
  it('never rotated: next = time enabled + new interval', () => {
    given(history(base, enable()))
      .when(interval(30, NOW + 3 * DAY))
      .thenSucceeds((_, s) => expect(key(s).rotation).toMatchObject({ intervalDays: 30, nextRotationAt: NOW + 30 * DAY }));
  });
  it('rotated: next = last rotation + new interval', () => {
    given(history(base, enable(), rotate(2, NOW + 10 * DAY)))
      .when(interval(60, NOW + 11 * DAY))
      .thenSucceeds((_, s) => expect(key(s).rotation.nextRotationAt).toBe(NOW + 70 * DAY));
  });
  it('rotation off: the interval is kept for later, no plan', () => {
    given(base)
      .when(interval(90))
      .thenSucceeds((_, s) => expect(key(s).rotation).toMatchObject({ intervalDays: 90, nextRotationAt: null }));
    given(history(base, interval(90)))
      .when(enable(NOW + DAY))
      .thenSucceeds((_, s) => expect(key(s).rotation.nextRotationAt).toBe(NOW + DAY + 90 * DAY));
  });
});

describe('dueForRotation', () => {
  it('Enabled keys with rotation on and next ≤ now, soonest first; disabled and pending-deletion keys skipped', () => {
    const planned = ([[1, 40], [2, 30], [3, 30], [4, 30], [5, 30]] as const).flatMap(([n, d]) => [
      interval(d, NOW, keyId(n)),
      enable(NOW + n, keyId(n)),
    ]);
    const s = stateAfter(
      ...history([created(1), created(2), created(3), created(4), created(5)], ...planned),
      { type: 'KeyDisabled', keyId: keyId(3), at: NOW + DAY },
      { type: 'KeyDeletionScheduled', keyId: keyId(4), pendingDays: 7, deleteAt: NOW + 99 * DAY, at: NOW + DAY },
    );
    expect(dueForRotation(s, NOW + 30 * DAY)).toEqual([]);
    expect(dueForRotation(s, NOW + 30 * DAY + 2)).toEqual([keyId(2)]);
    expect(dueForRotation(s, NOW + 40 * DAY + 5)).toEqual([keyId(2), keyId(5), keyId(1)]);
  });
});

describe('re-enable rule', () => {
  // rotation every 30 days, planned for NOW + 30 d; the key is disabled meanwhile
  const planned = NOW + 30 * DAY;
  const offline = () => [...history(base, interval(30), enable()), keyDisabled(NOW + DAY)];

  it('back overdue by a full period or more: due at once', () => {
    const back = planned + 30 * DAY;
    const s = stateAfter(...offline(), keyEnabled(back));
    expect(key(s).rotation.nextRotationAt).toBe(back);
    expect(dueForRotation(s, back)).toEqual([ID]);
  });
  it('back overdue by less than a period: keeps its plan', () => {
    const back = planned + 30 * DAY - 1;
    expect(keyAfter([...offline(), keyEnabled(back)]).rotation.nextRotationAt).toBe(planned);
  });
  it('back before the plan: keeps its plan', () => {
    expect(keyAfter([...offline(), keyEnabled(NOW + 2 * DAY)]).rotation.nextRotationAt).toBe(planned);
  });
  it('through cancel deletion then enable: same rule', () => {
    const pending = [...history(base, interval(30), enable()), deletionScheduled(NOW + DAY, NOW + 90 * DAY, 90)];
    expect(dueForRotation(stateAfter(...pending), planned)).toEqual([]);
    given([...pending, { type: 'KeyDeletionCancelled', keyId: ID, restoredTo: 'Disabled', at: NOW + 80 * DAY }])
      .when({ type: 'EnableKey', keyId: ID, now: NOW + 80 * DAY })
      .thenSucceeds((_, s) => expect(key(s).rotation.nextRotationAt).toBe(NOW + 80 * DAY));
  });
  it('rotation off: nothing planned after re-enable', () => {
    expect(keyAfter([...base, keyDisabled(NOW), keyEnabled(NOW + 900 * DAY)]).rotation.nextRotationAt).toBeNull();
  });
});

describe('key materials (get-key-rotation-status)', () => {
  it('a key rotated twice lists three materials, oldest first: only the newest is current, each with its creation time', () => {
    const materials = keyMaterials(keyAfter(history(base, rotate(2, NOW + DAY), rotate(3, NOW + 2 * DAY))));
    expect(materials.map((m) => m.materialId)).toEqual(['1', '2', '3']);
    expect(materials.map((m) => m.state)).toEqual([MATERIAL_STATE.decryptOnly, MATERIAL_STATE.decryptOnly, MATERIAL_STATE.current]);
    expect(materials.map((m) => m.createdAt)).toEqual([keyAfter(base).versions[0]!.createdAt, NOW + DAY, NOW + 2 * DAY]);
    expect(materials.every((m) => m.expiresAt === null)).toBe(true);
  });
});

import { DAY, T0, apply, created, defaultKeyCreated, given, keyId, refusal, rsaMaterial } from '../fixtures.spec.js';
import { decide, type KeyringCommand } from '../index.js';
import { evolve, findKey, type Keyring, type KeyringEvent } from '../index.js';
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

const base = () => given(created(1), defaultKeyCreated(9, 'kps'));
const key = (s: Keyring) => {
  const k = findKey(s, ID);
  if (!k) throw new Error('key 1 missing');
  return k;
};
const fails = (s: Keyring, cmd: KeyringCommand) => refusal(() => decide(s, cmd));

describe('rotation interval (30..365 days)', () => {
  it.each([30, 100, 365])('%i days is accepted', (d) => {
    expect(validateRotationInterval(d)).toBe(d);
    expect(decide(base(), interval(d === 365 ? 30 : d))).toHaveLength(1);
  });
  it.each([29, 366, 0, -1, 30.5])('%p days is refused with KMS.0308 naming the value', (d) => {
    expect(fails(base(), interval(d))).toMatchObject({
      code: 'KMS.0308',
      message: `rotation_interval must be 30..365, got ${d}`,
    });
  });
  it('the interval defaults to 365 and rotation is off by default', () => {
    expect(rotationStatus(key(base()))).toEqual({
      enabled: false,
      intervalDays: 365,
      lastRotatedAt: null,
      rotations: 0,
      nextRotationAt: null,
    });
  });
  it('the same interval again changes nothing', () => {
    expect(decide(base(), interval(365))).toEqual([]);
  });
});

describe('EnableKeyRotation / DisableKeyRotation', () => {
  it('enabling: KeyRotationEnabled, next rotation one interval later', () => {
    expect(decide(base(), enable())).toEqual([{ type: 'KeyRotationEnabled', keyId: ID, at: NOW }]);
    const s = apply(base(), enable());
    expect(key(s).rotation).toMatchObject({ enabled: true, nextRotationAt: NOW + 365 * DAY, enabledAt: NOW });
  });
  it('enabling twice: no second event (the plan is kept)', () => {
    expect(decide(apply(base(), enable()), enable(NOW + DAY))).toEqual([]);
  });
  it('disabling: KeyRotationDisabled, no plan, history kept', () => {
    const s = apply(base(), enable(), rotate(2, NOW + DAY), disableRot(NOW + 2 * DAY));
    expect(rotationStatus(key(s))).toEqual({
      enabled: false,
      intervalDays: 365,
      lastRotatedAt: NOW + DAY,
      rotations: 1,
      nextRotationAt: null,
    });
  });
  it('disabling when off: no event', () => {
    expect(decide(base(), disableRot())).toEqual([]);
  });
  it('disabling on a Disabled key is allowed; pending deletion refuses with KMS.0210', () => {
    const on = apply(base(), enable());
    expect(decide(evolve(on, keyDisabled(NOW)), disableRot())).toEqual([
      { type: 'KeyRotationDisabled', keyId: ID, at: NOW },
    ]);
    const pending = evolve(on, { type: 'KeyDeletionScheduled', keyId: ID, pendingDays: 7, deleteAt: NOW + 7 * DAY, at: NOW });
    expect(fails(pending, disableRot()).code).toBe('KMS.0210');
  });
});

describe('which keys may rotate', () => {
  const asym = () =>
    given(created(1, { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', material: rsaMaterial }));
  const ext = () => given(created(1, { origin: 'external', material: null }), { type: 'KeyEnabled', keyId: ID, at: T0 + 5 });
  const cmds = [enable(), disableRot(), interval(90), rotate(2)];

  it.each(cmds)('asymmetric key: $type refused with KMS.0308 naming the spec', (cmd) => {
    expect(fails(asym(), cmd)).toMatchObject({ code: 'KMS.0308', message: expect.stringContaining('RSA_2048') });
  });
  it.each(cmds)('external key: $type refused with KMS.0308 "imported keys are never rotated"', (cmd) => {
    expect(fails(ext(), cmd)).toMatchObject({
      code: 'KMS.0308',
      message: expect.stringContaining('imported keys are never rotated'),
    });
  });
  it.each([enable(NOW, DEF), disableRot(NOW, DEF), interval(90, NOW, DEF), rotate(2, NOW, 'on-demand', DEF)])(
    'default key: $type refused with KMS.0211',
    (cmd) => {
      expect(fails(base(), cmd).code).toBe('KMS.0211');
    },
  );
  it.each([enable(), interval(90), rotate(2)])('disabled key: $type refused with KMS.0209', (cmd) => {
    expect(fails(evolve(base(), keyDisabled(T0 + 5)), cmd).code).toBe('KMS.0209');
  });
  it.each([enable(), interval(90), rotate(2)])('key pending deletion: $type refused with KMS.0210', (cmd) => {
    const s = evolve(base(), { type: 'KeyDeletionScheduled', keyId: ID, pendingDays: 7, deleteAt: NOW, at: T0 + 5 });
    expect(fails(s, cmd).code).toBe('KMS.0210');
  });
  it.each([enable(NOW, keyId(77)), rotate(2, NOW, 'on-demand', keyId(77))])('unknown key: $type refused with KMS.0207', (cmd) => {
    expect(fails(base(), cmd).code).toBe('KMS.0207');
  });
});

describe('RotateKey', () => {
  it('on demand: KeyRotated appends version 2; encryption uses the newest, older versions stay', () => {
    expect(decide(base(), rotate(2))).toEqual([
      { type: 'KeyRotated', keyId: ID, material: { version: 2, wrapped: 'w2' }, trigger: 'on-demand', at: NOW },
    ]);
    const s = apply(base(), rotate(2));
    expect(key(s).versions.map((v) => v.version)).toEqual([1, 2]);
    expect(key(s).versions.at(-1)).toEqual({ version: 2, wrapped: 'w2', createdAt: NOW });
    expect(key(s).rotation).toMatchObject({ lastRotatedAt: NOW, rotations: 1, nextRotationAt: null });
  });
  it('the version must be latest + 1 (service bug → KMS.0101)', () => {
    expect(fails(base(), rotate(3)).code).toBe('KMS.0101');
    expect(fails(base(), rotate(1)).code).toBe('KMS.0101');
    expect(nextKeyVersion(key(base()))).toBe(2);
  });
  it('50 rotations keep 51 versions in order; count and last time shown', () => {
    let s = apply(base(), enable(T0 + 100));
    for (let v = 2; v <= 51; v++) s = apply(s, rotate(v, T0 + v * DAY));
    const k = key(s);
    expect(k.versions.map((v) => v.version)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(k.versions.map((v) => v.wrapped).slice(1, 3)).toEqual(['w2', 'w3']);
    expect(rotationStatus(k)).toMatchObject({ rotations: 50, lastRotatedAt: T0 + 51 * DAY });
    expect(k.rotation.nextRotationAt).toBe(T0 + 51 * DAY + 365 * DAY);
  });
  it('a rotation with automatic rotation on replans from its own time', () => {
    const s = apply(base(), enable(), interval(30, NOW + DAY), rotate(2, NOW + 5 * DAY));
    expect(key(s).rotation).toMatchObject({ lastRotatedAt: NOW + 5 * DAY, nextRotationAt: NOW + 35 * DAY });
  });
  it('scheduled trigger: rotates when due, yields nothing when not due / rotation off / key not Enabled', () => {
    const on = apply(base(), enable(), interval(30));
    const due = NOW + 30 * DAY;
    expect(decide(on, rotate(2, due, 'scheduled'))).toHaveLength(1);
    expect(decide(on, rotate(2, due - 1, 'scheduled'))).toEqual([]);
    expect(decide(base(), rotate(2, due, 'scheduled'))).toEqual([]);
    expect(decide(evolve(on, keyDisabled(NOW + DAY)), rotate(2, due, 'scheduled'))).toEqual([]);
    // a retried scheduled run after the rotation happened: not due any more
    expect(decide(apply(on, rotate(2, due, 'scheduled')), rotate(3, due, 'scheduled'))).toEqual([]);
  });
});

describe('UpdateKeyRotationInterval replans', () => {
  it('never rotated: next = time enabled + new interval', () => {
    const s = apply(base(), enable(), interval(30, NOW + 3 * DAY));
    expect(key(s).rotation).toMatchObject({ intervalDays: 30, nextRotationAt: NOW + 30 * DAY });
  });
  it('rotated: next = last rotation + new interval', () => {
    const s = apply(base(), enable(), rotate(2, NOW + 10 * DAY), interval(60, NOW + 11 * DAY));
    expect(key(s).rotation.nextRotationAt).toBe(NOW + 70 * DAY);
  });
  it('rotation off: the interval is kept for later, no plan', () => {
    const s = apply(base(), interval(90));
    expect(key(s).rotation).toMatchObject({ intervalDays: 90, nextRotationAt: null });
    expect(key(apply(s, enable(NOW + DAY))).rotation.nextRotationAt).toBe(NOW + DAY + 90 * DAY);
  });
});

describe('dueForRotation', () => {
  it('Enabled keys with rotation on and next ≤ now, soonest first; disabled and pending-deletion keys skipped', () => {
    let s = given(created(1), created(2), created(3), created(4), created(5));
    for (const [n, d] of [[1, 40], [2, 30], [3, 30], [4, 30], [5, 30]] as const) {
      s = apply(s, interval(d, NOW, keyId(n)), enable(NOW + n, keyId(n)));
    }
    s = evolve(s, { type: 'KeyDisabled', keyId: keyId(3), at: NOW + DAY });
    s = evolve(s, { type: 'KeyDeletionScheduled', keyId: keyId(4), pendingDays: 7, deleteAt: NOW + 99 * DAY, at: NOW + DAY });
    expect(dueForRotation(s, NOW + 30 * DAY)).toEqual([]);
    expect(dueForRotation(s, NOW + 30 * DAY + 2)).toEqual([keyId(2)]);
    expect(dueForRotation(s, NOW + 40 * DAY + 5)).toEqual([keyId(2), keyId(5), keyId(1)]);
  });
});

describe('re-enable rule', () => {
  // rotation every 30 days, planned for NOW + 30 d; the key is disabled meanwhile
  const planned = NOW + 30 * DAY;
  const offline = () => evolve(apply(base(), interval(30), enable()), keyDisabled(NOW + DAY));

  it('back overdue by a full period or more: due at once', () => {
    const back = planned + 30 * DAY;
    const s = evolve(offline(), keyEnabled(back));
    expect(key(s).rotation.nextRotationAt).toBe(back);
    expect(dueForRotation(s, back)).toEqual([ID]);
  });
  it('back overdue by less than a period: keeps its plan', () => {
    const back = planned + 30 * DAY - 1;
    expect(key(evolve(offline(), keyEnabled(back))).rotation.nextRotationAt).toBe(planned);
  });
  it('back before the plan: keeps its plan', () => {
    expect(key(evolve(offline(), keyEnabled(NOW + 2 * DAY))).rotation.nextRotationAt).toBe(planned);
  });
  it('through cancel deletion then enable: same rule', () => {
    let s = apply(base(), interval(30), enable());
    s = evolve(s, { type: 'KeyDeletionScheduled', keyId: ID, pendingDays: 90, deleteAt: NOW + 90 * DAY, at: NOW + DAY });
    expect(dueForRotation(s, planned)).toEqual([]);
    s = evolve(s, { type: 'KeyDeletionCancelled', keyId: ID, restoredTo: 'Disabled', at: NOW + 80 * DAY });
    s = apply(s, { type: 'EnableKey', keyId: ID, now: NOW + 80 * DAY });
    expect(key(s).rotation.nextRotationAt).toBe(NOW + 80 * DAY);
  });
  it('rotation off: nothing planned after re-enable', () => {
    const s = evolve(evolve(base(), keyDisabled(NOW)), keyEnabled(NOW + 900 * DAY));
    expect(key(s).rotation.nextRotationAt).toBeNull();
  });
});

describe('key materials (get-key-rotation-status)', () => {
  it('a key rotated twice lists three materials, oldest first: only the newest is current, each with its creation time', () => {
    const s = apply(base(), rotate(2, NOW + DAY), rotate(3, NOW + 2 * DAY));
    const materials = keyMaterials(key(s));
    expect(materials.map((m) => m.materialId)).toEqual(['1', '2', '3']);
    expect(materials.map((m) => m.state)).toEqual([MATERIAL_STATE.decryptOnly, MATERIAL_STATE.decryptOnly, MATERIAL_STATE.current]);
    expect(materials.map((m) => m.createdAt)).toEqual([key(base()).versions[0]!.createdAt, NOW + DAY, NOW + 2 * DAY]);
    expect(materials.every((m) => m.expiresAt === null)).toBe(true);
  });
});

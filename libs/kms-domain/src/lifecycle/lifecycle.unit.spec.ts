import { DAY, T0, created, defaultKeyCreated, given, keyId, refusal } from '../fixtures.spec.js';
import { decide, requireUsableKey, type KeyringCommand } from '../index.js';
import type { KeyringEvent, Keyring } from '../index.js';

const ID = keyId(1);
const NOW = T0 + 10 * DAY;
const DEF = keyId(9);

// Given-events for each state of key 1 (and a default key 9 beside it).
const enabled = created(1);
const defaultKey = defaultKeyCreated(9, 'csms');
const disable: KeyringEvent = { type: 'KeyDisabled', keyId: ID, at: T0 + 10 };
const schedule = (deleteAt = T0 + 7 * DAY): KeyringEvent => ({
  type: 'KeyDeletionScheduled',
  keyId: ID,
  pendingDays: 7,
  deleteAt,
  at: T0 + 20,
});
const importable = created(1, { origin: 'external', material: null });
const destroy: KeyringEvent = { type: 'KeyDestroyed', keyId: ID, at: T0 + 7 * DAY };
const state = {
  Enabled: () => given(enabled, defaultKey),
  Disabled: () => given(enabled, defaultKey, disable),
  PendingDeletion: () => given(enabled, defaultKey, schedule()),
  PendingImport: () => given(importable, defaultKey),
  Destroyed: () => given(enabled, defaultKey, schedule(), destroy),
};

const fails = (s: Keyring, cmd: KeyringCommand) => refusal(() => decide(s, cmd));

describe('EnableKey', () => {
  const cmd = (keyId = ID): KeyringCommand => ({ type: 'EnableKey', keyId, now: NOW });

  it('disabled key: enable → KeyEnabled', () => {
    expect(decide(state.Disabled(), cmd())).toEqual([{ type: 'KeyEnabled', keyId: ID, at: NOW }]);
  });
  it('enabled key: enable fails with KMS.1201', () => {
    expect(fails(state.Enabled(), cmd()).code).toBe('KMS.1201');
  });
  it('key pending deletion: enable fails with KMS.0210', () => {
    expect(fails(state.PendingDeletion(), cmd()).code).toBe('KMS.0210');
  });
  it('key pending import: enable fails with KMS.0309 (material must be imported first)', () => {
    expect(fails(state.PendingImport(), cmd())).toMatchObject({
      code: 'KMS.0309',
      message: expect.stringContaining('key material must be imported first'),
    });
  });
  it('unknown or destroyed key: enable fails with KMS.0207 (404)', () => {
    expect(fails(state.Enabled(), cmd(keyId(77)))).toMatchObject({ code: 'KMS.0207', status: 404 });
    expect(fails(state.Destroyed(), cmd()).code).toBe('KMS.0207');
  });
});

describe('DisableKey', () => {
  const cmd = (keyId = ID): KeyringCommand => ({ type: 'DisableKey', keyId, now: NOW });

  it('enabled key: disable → KeyDisabled', () => {
    expect(decide(state.Enabled(), cmd())).toEqual([{ type: 'KeyDisabled', keyId: ID, at: NOW }]);
  });
  it('disabled key: disable fails with KMS.1301', () => {
    expect(fails(state.Disabled(), cmd()).code).toBe('KMS.1301');
  });
  it('key pending import: disable fails with KMS.1301', () => {
    expect(fails(state.PendingImport(), cmd()).code).toBe('KMS.1301');
  });
  it('key pending deletion: disable fails with KMS.0210', () => {
    expect(fails(state.PendingDeletion(), cmd()).code).toBe('KMS.0210');
  });
  it('default key: disable fails with KMS.0211', () => {
    expect(fails(state.Enabled(), cmd(DEF)).code).toBe('KMS.0211');
  });
  it('unknown or destroyed key: disable fails with KMS.0207', () => {
    expect(fails(state.Enabled(), cmd(keyId(77))).code).toBe('KMS.0207');
    expect(fails(state.Destroyed(), cmd()).code).toBe('KMS.0207');
  });
});

describe('ScheduleKeyDeletion', () => {
  const cmd = (pendingDays = 7, keyId = ID): KeyringCommand => ({ type: 'ScheduleKeyDeletion', keyId, pendingDays, now: NOW });
  const scheduled = (days: number): KeyringEvent => ({
    type: 'KeyDeletionScheduled',
    keyId: ID,
    pendingDays: days,
    deleteAt: NOW + days * 86_400_000,
    at: NOW,
  });

  it.each(['Enabled', 'Disabled', 'PendingImport'] as const)('%s key: schedule 7 days → KeyDeletionScheduled', (from) => {
    expect(decide(state[from](), cmd(7))).toEqual([scheduled(7)]);
  });
  it('enabled key: schedule 1096 days → accepted, deleteAt = now + 1096 days', () => {
    expect(decide(state.Enabled(), cmd(1096))).toEqual([scheduled(1096)]);
  });
  it.each([6, 1097])('enabled key: schedule %p days fails with KMS.1401 naming the range', (days) => {
    expect(fails(state.Enabled(), cmd(days))).toMatchObject({
      code: 'KMS.1401',
      message: `pending_days must be 7..1096, got ${days}`,
    });
  });
  it('key pending deletion: schedule again fails with KMS.1402', () => {
    expect(fails(state.PendingDeletion(), cmd()).code).toBe('KMS.1402');
  });
  it('default key: schedule fails with KMS.0211', () => {
    expect(fails(state.Enabled(), cmd(7, DEF)).code).toBe('KMS.0211');
  });
  it('unknown or destroyed key: schedule fails with KMS.0207', () => {
    expect(fails(state.Enabled(), cmd(7, keyId(77))).code).toBe('KMS.0207');
    expect(fails(state.Destroyed(), cmd()).code).toBe('KMS.0207');
  });
});

describe('CancelKeyDeletion', () => {
  const cmd = (keyId = ID): KeyringCommand => ({ type: 'CancelKeyDeletion', keyId, now: NOW });

  it('key pending deletion that had material: cancel → restored to Disabled', () => {
    expect(decide(state.PendingDeletion(), cmd())).toEqual([
      { type: 'KeyDeletionCancelled', keyId: ID, restoredTo: 'Disabled', at: NOW },
    ]);
  });
  it('key pending deletion that never had material: cancel → restored to PendingImport', () => {
    expect(decide(given(importable, schedule()), cmd())).toEqual([
      { type: 'KeyDeletionCancelled', keyId: ID, restoredTo: 'PendingImport', at: NOW },
    ]);
  });
  it.each(['Enabled', 'Disabled', 'PendingImport'] as const)('%s key: cancel fails with KMS.1501', (from) => {
    expect(fails(state[from](), cmd()).code).toBe('KMS.1501');
  });
  it('unknown or destroyed key: cancel fails with KMS.0207', () => {
    expect(fails(state.Enabled(), cmd(keyId(77))).code).toBe('KMS.0207');
    expect(fails(state.Destroyed(), cmd()).code).toBe('KMS.0207');
  });
});

describe('DestroyKey (deletion executor)', () => {
  const due = T0 + 7 * DAY;
  const cmd = (now: number, keyId = ID): KeyringCommand => ({ type: 'DestroyKey', keyId, now });

  it('key pending deletion, now = deleteAt → KeyDestroyed', () => {
    expect(decide(state.PendingDeletion(), cmd(due))).toEqual([{ type: 'KeyDestroyed', keyId: ID, at: due }]);
  });
  it('key pending deletion, now after deleteAt → KeyDestroyed', () => {
    expect(decide(state.PendingDeletion(), cmd(due + 1))).toHaveLength(1);
  });
  it('key pending deletion, not yet due → no event', () => {
    expect(decide(state.PendingDeletion(), cmd(due - 1))).toEqual([]);
  });
  it('deletion cancelled meanwhile → no event (stale scheduler tolerated)', () => {
    const s = given(enabled, schedule(), { type: 'KeyDeletionCancelled', keyId: ID, restoredTo: 'Disabled', at: T0 + 30 });
    expect(decide(s, cmd(due))).toEqual([]);
  });
  it('already destroyed → no event', () => {
    expect(decide(state.Destroyed(), cmd(due + DAY))).toEqual([]);
  });
  it('unknown key → KMS.0207', () => {
    expect(fails(state.Enabled(), cmd(due, keyId(77))).code).toBe('KMS.0207');
  });
});

describe('UpdateKeyAlias', () => {
  const cmd = (alias: string, keyId = ID): KeyringCommand => ({ type: 'UpdateKeyAlias', keyId, alias, now: NOW });

  it.each(['Enabled', 'Disabled', 'PendingImport'] as const)('%s key: rename → KeyAliasChanged with the previous alias', (from) => {
    expect(decide(state[from](), cmd('payments'))).toEqual([
      { type: 'KeyAliasChanged', keyId: ID, alias: 'payments', previousAlias: 'key-1', at: NOW },
    ]);
  });
  it('same alias → no event', () => {
    expect(decide(state.Enabled(), cmd('key-1'))).toEqual([]);
  });
  it('alias of another live key fails with KMS.1104', () => {
    expect(fails(given(enabled, created(2)), cmd('key-2')).code).toBe('KMS.1104');
  });
  it('alias of a destroyed key → free to take', () => {
    const s = given(enabled, created(2), { ...schedule(), keyId: keyId(2) }, { type: 'KeyDestroyed', keyId: keyId(2), at: NOW });
    expect(decide(s, cmd('key-2'))).toHaveLength(1);
  });
  it('alias breaking the rules fails with KMS.1101 (256 chars, /default suffix)', () => {
    expect(fails(state.Enabled(), cmd('a'.repeat(256))).code).toBe('KMS.1101');
    expect(fails(state.Enabled(), cmd('mine/default')).code).toBe('KMS.1101');
  });
  it('default key: rename fails with KMS.0211', () => {
    expect(fails(state.Enabled(), cmd('other', DEF)).code).toBe('KMS.0211');
  });
  it('key pending deletion: rename fails with KMS.0210', () => {
    expect(fails(state.PendingDeletion(), cmd('other')).code).toBe('KMS.0210');
  });
  it('unknown or destroyed key: rename fails with KMS.0207', () => {
    expect(fails(state.Destroyed(), cmd('other')).code).toBe('KMS.0207');
  });
});

describe('UpdateKeyDescription', () => {
  const cmd = (description: string, keyId = ID): KeyringCommand => ({ type: 'UpdateKeyDescription', keyId, description, now: NOW });

  it('enabled key: new description (255 chars) → KeyDescriptionChanged', () => {
    const d = 'd'.repeat(255);
    expect(decide(state.Enabled(), cmd(d))).toEqual([{ type: 'KeyDescriptionChanged', keyId: ID, description: d, at: NOW }]);
  });
  it('unchanged description → no event', () => {
    expect(decide(state.Enabled(), cmd(''))).toEqual([]);
  });
  it('256 characters fails with KMS.1103', () => {
    expect(fails(state.Enabled(), cmd('d'.repeat(256))).code).toBe('KMS.1103');
  });
  it('default key: fails with KMS.0211', () => {
    expect(fails(state.Enabled(), cmd('x', DEF)).code).toBe('KMS.0211');
  });
  it('key pending deletion: fails with KMS.0210', () => {
    expect(fails(state.PendingDeletion(), cmd('x')).code).toBe('KMS.0210');
  });
  it('unknown key: fails with KMS.0207', () => {
    expect(fails(state.Enabled(), cmd('x', keyId(77))).code).toBe('KMS.0207');
  });
});

describe('requireUsableKey (crypto guard)', () => {
  it('enabled key → returned', () => {
    expect(requireUsableKey(state.Enabled(), ID)).toMatchObject({ keyId: ID, status: 'Enabled' });
  });
  it('default key → usable by the API', () => {
    expect(requireUsableKey(state.Enabled(), DEF).isDefault).toBe(true);
  });
  it('disabled key → KMS.0209 saying disabled', () => {
    expect(refusal(() => requireUsableKey(state.Disabled(), ID))).toMatchObject({
      code: 'KMS.0209',
      message: `key ${ID} is disabled`,
    });
  });
  it('key pending import → KMS.0209 saying pending import', () => {
    expect(refusal(() => requireUsableKey(state.PendingImport(), ID))).toMatchObject({
      code: 'KMS.0209',
      message: expect.stringContaining('pending import'),
    });
  });
  it('key pending deletion → KMS.0210', () => {
    expect(refusal(() => requireUsableKey(state.PendingDeletion(), ID)).code).toBe('KMS.0210');
  });
  it('unknown or destroyed key → KMS.0207', () => {
    expect(refusal(() => requireUsableKey(state.Enabled(), keyId(77))).code).toBe('KMS.0207');
    expect(refusal(() => requireUsableKey(state.Destroyed(), ID)).code).toBe('KMS.0207');
  });
});

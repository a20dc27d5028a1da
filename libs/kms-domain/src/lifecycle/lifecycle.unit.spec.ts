import { DAY, T0, created, defaultKeyCreated, given, stateAfter, keyId, refusal } from '../fixtures.spec.js';
import { requireUsableKey, type KeyDeletionScheduled, type KeyringCommand, type KeyringEvent } from '../index.js';

const ID = keyId(1);
const NOW = T0 + 10 * DAY;
const DEF = keyId(9);

// Given-events for each state of key 1 (and a default key 9 beside it).
const enabled = created(1);
const defaultKey = defaultKeyCreated(9, 'csms');
const disable: KeyringEvent = { type: 'KeyDisabled', keyId: ID, at: T0 + 10 };
const schedule = (deleteAt = T0 + 7 * DAY): KeyDeletionScheduled => ({
  type: 'KeyDeletionScheduled',
  keyId: ID,
  pendingDays: 7,
  deleteAt,
  at: T0 + 20,
});
const importable = created(1, { origin: 'external', material: null });
const destroy: KeyringEvent = { type: 'KeyDestroyed', keyId: ID, at: T0 + 7 * DAY };
const history = {
  Enabled: [enabled, defaultKey],
  Disabled: [enabled, defaultKey, disable],
  PendingDeletion: [enabled, defaultKey, schedule()],
  PendingImport: [importable, defaultKey],
  Destroyed: [enabled, defaultKey, schedule(), destroy],
} satisfies Record<string, readonly KeyringEvent[]>;


describe('EnableKey', () => {
  const cmd = (keyId = ID): KeyringCommand => ({ type: 'EnableKey', keyId, now: NOW });

  it('disabled key: enable → KeyEnabled', () => {
    given(history.Disabled).when(cmd()).then([{ type: 'KeyEnabled', keyId: ID, at: NOW }]);
  });
  it('enabled key: enable fails with KMS.1201', () => {
    given(history.Enabled).when(cmd()).thenRefuses({ code: 'KMS.1201' });
  });
  it('key pending deletion: enable fails with KMS.0210', () => {
    given(history.PendingDeletion).when(cmd()).thenRefuses({ code: 'KMS.0210' });
  });
  it('key pending import: enable fails with KMS.0309 (material must be imported first)', () => {
    given(history.PendingImport).when(cmd()).thenRefuses({
      code: 'KMS.0309',
      message: 'key material must be imported first',
    });
  });
  it('unknown or destroyed key: enable fails with KMS.0207 (404)', () => {
    given(history.Enabled).when(cmd(keyId(77))).thenRefuses({ code: 'KMS.0207', status: 404 });
    given(history.Destroyed).when(cmd()).thenRefuses({ code: 'KMS.0207' });
  });
});

describe('DisableKey', () => {
  const cmd = (keyId = ID): KeyringCommand => ({ type: 'DisableKey', keyId, now: NOW });

  it('enabled key: disable → KeyDisabled', () => {
    given(history.Enabled).when(cmd()).then([{ type: 'KeyDisabled', keyId: ID, at: NOW }]);
  });
  it('disabled key: disable fails with KMS.1301', () => {
    given(history.Disabled).when(cmd()).thenRefuses({ code: 'KMS.1301' });
  });
  it('key pending import: disable fails with KMS.1301', () => {
    given(history.PendingImport).when(cmd()).thenRefuses({ code: 'KMS.1301' });
  });
  it('key pending deletion: disable fails with KMS.0210', () => {
    given(history.PendingDeletion).when(cmd()).thenRefuses({ code: 'KMS.0210' });
  });
  it('default key: disable fails with KMS.0211', () => {
    given(history.Enabled).when(cmd(DEF)).thenRefuses({ code: 'KMS.0211' });
  });
  it('unknown or destroyed key: disable fails with KMS.0207', () => {
    given(history.Enabled).when(cmd(keyId(77))).thenRefuses({ code: 'KMS.0207' });
    given(history.Destroyed).when(cmd()).thenRefuses({ code: 'KMS.0207' });
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
    given(history[from]).when(cmd(7)).then([scheduled(7)]);
  });
  it('enabled key: schedule 1096 days → accepted, deleteAt = now + 1096 days', () => {
    given(history.Enabled).when(cmd(1096)).then([scheduled(1096)]);
  });
  it.each([6, 1097])('enabled key: schedule %p days fails with KMS.1401 naming the range', (days) => {
    given(history.Enabled).when(cmd(days)).thenRefuses({
      code: 'KMS.1401',
      message: new RegExp(`^pending_days must be 7\\.\\.1096, got ${days}$`),
    });
  });
  it('key pending deletion: schedule again fails with KMS.1402', () => {
    given(history.PendingDeletion).when(cmd()).thenRefuses({ code: 'KMS.1402' });
  });
  it('default key: schedule fails with KMS.0211', () => {
    given(history.Enabled).when(cmd(7, DEF)).thenRefuses({ code: 'KMS.0211' });
  });
  it('unknown or destroyed key: schedule fails with KMS.0207', () => {
    given(history.Enabled).when(cmd(7, keyId(77))).thenRefuses({ code: 'KMS.0207' });
    given(history.Destroyed).when(cmd()).thenRefuses({ code: 'KMS.0207' });
  });
});

describe('CancelKeyDeletion', () => {
  const cmd = (keyId = ID): KeyringCommand => ({ type: 'CancelKeyDeletion', keyId, now: NOW });

  it('key pending deletion that had material: cancel → restored to Disabled', () => {
    given(history.PendingDeletion).when(cmd()).then([
      { type: 'KeyDeletionCancelled', keyId: ID, restoredTo: 'Disabled', at: NOW },
    ]);
  });
  it('key pending deletion that never had material: cancel → restored to PendingImport', () => {
    given([importable, schedule()]).when(cmd()).then([
      { type: 'KeyDeletionCancelled', keyId: ID, restoredTo: 'PendingImport', at: NOW },
    ]);
  });
  it.each(['Enabled', 'Disabled', 'PendingImport'] as const)('%s key: cancel fails with KMS.1501', (from) => {
    given(history[from]).when(cmd()).thenRefuses({ code: 'KMS.1501' });
  });
  it('unknown or destroyed key: cancel fails with KMS.0207', () => {
    given(history.Enabled).when(cmd(keyId(77))).thenRefuses({ code: 'KMS.0207' });
    given(history.Destroyed).when(cmd()).thenRefuses({ code: 'KMS.0207' });
  });
});

describe('DestroyKey (deletion executor)', () => {
  const due = T0 + 7 * DAY;
  const cmd = (now: number, keyId = ID): KeyringCommand => ({ type: 'DestroyKey', keyId, now });

  it('key pending deletion, now = deleteAt → KeyDestroyed', () => {
    given(history.PendingDeletion).when(cmd(due)).then([{ type: 'KeyDestroyed', keyId: ID, at: due }]);
  });
  it('key pending deletion, now after deleteAt → KeyDestroyed', () => {
    given(history.PendingDeletion).when(cmd(due + 1)).thenSucceeds((events) => expect(events).toHaveLength(1));
  });
  it('key pending deletion, not yet due → no event', () => {
    given(history.PendingDeletion).when(cmd(due - 1)).then([]);
  });
  it('deletion cancelled meanwhile → no event (stale scheduler tolerated)', () => {
    given([enabled, schedule(), { type: 'KeyDeletionCancelled', keyId: ID, restoredTo: 'Disabled', at: T0 + 30 }])
      .when(cmd(due))
      .then([]);
  });
  it('already destroyed → no event', () => {
    given(history.Destroyed).when(cmd(due + DAY)).then([]);
  });
  it('unknown key → KMS.0207', () => {
    given(history.Enabled).when(cmd(due, keyId(77))).thenRefuses({ code: 'KMS.0207' });
  });
});

describe('UpdateKeyAlias', () => {
  const cmd = (alias: string, keyId = ID): KeyringCommand => ({ type: 'UpdateKeyAlias', keyId, alias, now: NOW });

  it.each(['Enabled', 'Disabled', 'PendingImport'] as const)('%s key: rename → KeyAliasChanged with the previous alias', (from) => {
    given(history[from]).when(cmd('payments')).then([
      { type: 'KeyAliasChanged', keyId: ID, alias: 'payments', previousAlias: 'key-1', at: NOW },
    ]);
  });
  it('same alias → no event', () => {
    given(history.Enabled).when(cmd('key-1')).then([]);
  });
  it('alias of another live key fails with KMS.1104', () => {
    given([enabled, created(2)]).when(cmd('key-2')).thenRefuses({ code: 'KMS.1104' });
  });
  it('alias of a destroyed key → free to take', () => {
    given([enabled, created(2), { ...schedule(), keyId: keyId(2) }, { type: 'KeyDestroyed', keyId: keyId(2), at: NOW }])
      .when(cmd('key-2'))
      .thenSucceeds((events) => expect(events).toHaveLength(1));
  });
  it('alias breaking the rules fails with KMS.1101 (256 chars, /default suffix)', () => {
    given(history.Enabled).when(cmd('a'.repeat(256))).thenRefuses({ code: 'KMS.1101' });
    given(history.Enabled).when(cmd('mine/default')).thenRefuses({ code: 'KMS.1101' });
  });
  it('default key: rename fails with KMS.0211', () => {
    given(history.Enabled).when(cmd('other', DEF)).thenRefuses({ code: 'KMS.0211' });
  });
  it('key pending deletion: rename fails with KMS.0210', () => {
    given(history.PendingDeletion).when(cmd('other')).thenRefuses({ code: 'KMS.0210' });
  });
  it('unknown or destroyed key: rename fails with KMS.0207', () => {
    given(history.Destroyed).when(cmd('other')).thenRefuses({ code: 'KMS.0207' });
  });
});

describe('UpdateKeyDescription', () => {
  const cmd = (description: string, keyId = ID): KeyringCommand => ({ type: 'UpdateKeyDescription', keyId, description, now: NOW });

  it('enabled key: new description (255 chars) → KeyDescriptionChanged', () => {
    const d = 'd'.repeat(255);
    given(history.Enabled).when(cmd(d)).then([{ type: 'KeyDescriptionChanged', keyId: ID, description: d, at: NOW }]);
  });
  it('unchanged description → no event', () => {
    given(history.Enabled).when(cmd('')).then([]);
  });
  it('256 characters fails with KMS.1103', () => {
    given(history.Enabled).when(cmd('d'.repeat(256))).thenRefuses({ code: 'KMS.1103' });
  });
  it('default key: fails with KMS.0211', () => {
    given(history.Enabled).when(cmd('x', DEF)).thenRefuses({ code: 'KMS.0211' });
  });
  it('key pending deletion: fails with KMS.0210', () => {
    given(history.PendingDeletion).when(cmd('x')).thenRefuses({ code: 'KMS.0210' });
  });
  it('unknown key: fails with KMS.0207', () => {
    given(history.Enabled).when(cmd('x', keyId(77))).thenRefuses({ code: 'KMS.0207' });
  });
});

describe('requireUsableKey (crypto guard)', () => {
  it('enabled key → returned', () => {
    expect(requireUsableKey(stateAfter(...history.Enabled), ID)).toMatchObject({ keyId: ID, status: 'Enabled' });
  });
  it('default key → usable by the API', () => {
    expect(requireUsableKey(stateAfter(...history.Enabled), DEF).isDefault).toBe(true);
  });
  it('disabled key → KMS.0209 saying disabled', () => {
    expect(refusal(() => requireUsableKey(stateAfter(...history.Disabled), ID))).toMatchObject({
      code: 'KMS.0209',
      message: `key ${ID} is disabled`,
    });
  });
  it('key pending import → KMS.0209 saying pending import', () => {
    expect(refusal(() => requireUsableKey(stateAfter(...history.PendingImport), ID))).toMatchObject({
      code: 'KMS.0209',
      message: expect.stringContaining('pending import'),
    });
  });
  it('key pending deletion → KMS.0210', () => {
    expect(refusal(() => requireUsableKey(stateAfter(...history.PendingDeletion), ID)).code).toBe('KMS.0210');
  });
  it('unknown or destroyed key → KMS.0207', () => {
    expect(refusal(() => requireUsableKey(stateAfter(...history.Enabled), keyId(77))).code).toBe('KMS.0207');
    expect(refusal(() => requireUsableKey(stateAfter(...history.Destroyed), ID)).code).toBe('KMS.0207');
  });
});

import { T0, addVersion, created, given, history, secretId, stateAfter } from '../fixtures.spec.js';
import { DAY_MS } from '../rules/secret-fields.js';
import type { SecretCommand } from '../secret-set.decider.js';
import { findSecretById, findSecretByName, requireEnabledSecret, secretCount } from '../state/queries.js';
import { dueForDeletion } from './deletion.js';

const one = [created(1, 'app')];
const schedule = (days: number, now = T0 + 100): SecretCommand => ({ type: 'ScheduleSecretDeletion', name: 'app', days, now });
const pending = history(one, schedule(7));
const deadline = T0 + 100 + 7 * DAY_MS;

describe('deletion', () => {
  it('days 7 and 30 accepted, 6 and 31 refused naming the value', () => {
    given(one).when(schedule(7)).then([{ type: 'SecretDeletionScheduled', secretId: secretId(1), deleteAt: deadline, at: T0 + 100 }]);
    given(one).when(schedule(30)).thenSucceeds((events) => expect(events).toHaveLength(1));
    for (const days of [6, 31, 7.5]) given(one).when(schedule(days)).thenRefuses({ code: 'CSMS.0002', message: String(days) });
  });

  it('scheduling twice → CSMS.0107; cancelling when not scheduled → CSMS.0108', () => {
    given(pending).when(schedule(10)).thenRefuses({ code: 'CSMS.0107' });
    given(one).when({ type: 'CancelSecretDeletion', name: 'app', now: T0 }).thenRefuses({ code: 'CSMS.0108' });
  });

  it('cancel restores Enabled', () => {
    given(pending)
      .when({ type: 'CancelSecretDeletion', name: 'app', now: T0 + 200 })
      .thenSucceeds((_, state) => expect(findSecretByName(state, 'app')).toMatchObject({ status: 'Enabled', scheduledDeleteAt: null }));
  });

  it('a secret pending deletion can be neither read nor changed (CSMS.0103)', () => {
    const state = stateAfter(pending);
    expect(findSecretByName(state, 'app')).toMatchObject({ status: 'PendingDeletion', scheduledDeleteAt: deadline });
    expect(() => requireEnabledSecret(state, 'app')).toThrow(expect.objectContaining({ code: 'CSMS.0103' }));
    const refused: SecretCommand[] = [
      addVersion('app', 2),
      { type: 'UpdateSecret', name: 'app', description: 'x', now: T0 },
      { type: 'UpdateStage', name: 'app', stage: 'X', versionId: 'v1', now: T0 },
      { type: 'DeleteStage', name: 'app', stage: 'X', now: T0 },
      { type: 'UpdateVersionExpiry', name: 'app', versionId: 'v1', expireTime: T0 + DAY_MS, now: T0 },
      { type: 'AddSecretTag', secretId: secretId(1), tag: { key: 'a', value: 'b' }, now: T0 },
      { type: 'RemoveSecretTag', secretId: secretId(1), tagKey: 'a', now: T0 },
      { type: 'BatchSecretTags', secretId: secretId(1), action: 'create', tags: [{ key: 'a' }], now: T0 },
    ];
    for (const cmd of refused) given(pending).when(cmd).thenRefuses({ code: 'CSMS.0103', message: 'is pending deletion' });
  });

  it('delete now: irreversible, also while pending; frees name; only the id stays; later commands → CSMS.0005', () => {
    for (const start of [one, pending]) {
      const gone = history(start, { type: 'DeleteSecret', name: 'app', now: T0 + 300 });
      const state = stateAfter(gone);
      expect(findSecretByName(state, 'app')).toBeUndefined();
      expect(findSecretById(state, secretId(1))).toBeUndefined();
      expect(state.secrets.has(secretId(1))).toBe(false);
      expect(state.deletedIds.get(secretId(1))).toBe(T0 + 300);
      expect(secretCount(state)).toBe(0);
      given(gone).when({ type: 'DeleteSecret', name: 'app', now: T0 }).thenRefuses({ code: 'CSMS.0005' });
      given(gone).when(addVersion('app', 2)).thenRefuses({ code: 'CSMS.0005' });
      given(gone).when({ type: 'AddSecretTag', secretId: secretId(1), tag: { key: 'a' }, now: T0 }).thenRefuses({ code: 'CSMS.0005' });
    }
  });

  it('the scheduler deletes only when due; idempotent afterwards; unknown id → CSMS.0005', () => {
    const execute = (n: number, now: number): SecretCommand => ({ type: 'ExecuteSecretDeletion', secretId: secretId(n), now });
    expect(dueForDeletion(stateAfter(pending), deadline - 1)).toEqual([]);
    expect(dueForDeletion(stateAfter(pending), deadline)).toEqual([secretId(1)]);
    given(pending).when(execute(1, deadline - 1)).then([]);
    given(one).when(execute(1, deadline)).then([]);
    given(pending).when(execute(1, deadline)).then([{ type: 'SecretDeleted', secretId: secretId(1), at: deadline }]);
    const gone = history(pending, execute(1, deadline));
    given(gone).when(execute(1, deadline + 1)).then([]);
    expect(dueForDeletion(stateAfter(gone), deadline + 1)).toEqual([]);
    given(gone).when(execute(2, deadline)).thenRefuses({ code: 'CSMS.0005' });
  });
});

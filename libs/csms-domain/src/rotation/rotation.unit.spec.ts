import { T0, created, given, history, sealed, secretId, stateAfter } from '../fixtures.spec.js';
import type { SecretCommand, SecretEvent } from '../secret-set.decider.js';
import { findSecretByName, versionStages } from '../state/queries.js';
import type { SecretSet } from '../state/secret-set.js';
import { dueForRotation, rotationOf } from './decide.js';
import { listRotationTasks } from './queries.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const one: SecretEvent[] = [created(1, 'app')];
const rds: SecretEvent[] = [{ ...created(2, 'db'), secretType: 'RDS-FG' } as SecretEvent];
const rotate = (n: number, now = T0 + n * HOUR, name = 'app', operateType: 'MANUAL' | 'SCHEDULED' = 'MANUAL'): SecretCommand => ({ type: 'RotateSecret', name, taskId: `task-${n}`, value: sealed(100 + n), operateType, now });
const plan = (rotation: { autoRotation?: boolean; rotationPeriod?: string }, now = T0, name = 'app'): SecretCommand => ({ type: 'UpdateSecret', name, rotation, now });
const secret = (state: SecretSet, name = 'app') => {
  const s = findSecretByName(state, name);
  if (!s) throw new Error(`no secret ${name}`);
  return s;
};

describe('rotate-secret decides a new SYSCURRENT version', () => {
  it('a COMMON secret rotated: the new version is SYSCURRENT, the former current keeps SYSPREVIOUS, a SUCCESS task is recorded', () => {
    given(one)
      .when(rotate(1))
      .then([{ type: 'SecretRotated', secretId: secretId(1), secretName: 'app', taskId: 'task-1', operateType: 'MANUAL', versionId: 'v2', value: sealed(101), removedVersionId: null, at: T0 + HOUR }]);
    const state = stateAfter(history(one, rotate(1), rotate(2)));
    expect(versionStages(secret(state), 'v3')).toEqual(['SYSCURRENT']);
    expect(versionStages(secret(state), 'v2')).toEqual(['SYSPREVIOUS']);
    expect(versionStages(secret(state), 'v1')).toEqual([]);
    expect(state.rotationTasks.map((t) => [t.taskId, t.status, t.operateType])).toEqual([['task-1', 'SUCCESS', 'MANUAL'], ['task-2', 'SUCCESS', 'MANUAL']]);
    expect(rotationOf(state, secretId(1)).rotatedAt).toBe(T0 + 2 * HOUR);
  });

  it('an RDS-FG secret is refused with CSMS.0002 naming its type; an unknown secret with CSMS.0005', () => {
    given(rds).when(rotate(1, T0, 'db')).thenRefuses({ code: 'CSMS.0002', message: 'secret_type "RDS-FG" is rotated by a FunctionGraph function, which DEW does not run; only COMMON secrets rotate' });
    given(one).when(rotate(1, T0, 'nope')).thenRefuses({ code: 'CSMS.0005' });
  });

  it('a secret pending deletion is not rotated (CSMS.0103)', () => {
    given(history(one, { type: 'ScheduleSecretDeletion', name: 'app', days: 7, now: T0 })).when(rotate(1)).thenRefuses({ code: 'CSMS.0103' });
  });
});

describe('rotation_period and auto_rotation', () => {
  it.each([['6h', 6 * HOUR], ['30d', 30 * DAY], ['8760h', 8760 * HOUR], ['365d', 365 * DAY], ['360m', 6 * HOUR], ['21600s', 6 * HOUR]])('period %s is accepted as %d ms and plans the next rotation one period on', (period, ms) => {
    given(one).when(plan({ autoRotation: true, rotationPeriod: period })).then([
      { type: 'SecretRotationConfigured', secretId: secretId(1), autoRotation: true, period, periodMs: ms, nextRotationAt: T0 + ms, at: T0 },
    ]);
  });

  it.each(['5h', '359m', '8761h', '366d', '30', 'd', '0h', '1.5d', '30D', '-6h', ' 6h'])('period %p is refused with CSMS.0002 naming the limits and the value', (period) => {
    given(one).when(plan({ autoRotation: true, rotationPeriod: period })).thenRefuses({
      code: 'CSMS.0002',
      message: `rotation_period must be an integer with unit d, h, m or s, from 6h to 8760h, got ${JSON.stringify(period)}`,
    });
  });

  it('auto rotation without any period is refused; on an RDS-FG secret it is refused by type; the refusal changes nothing', () => {
    given(one).when(plan({ autoRotation: true })).thenRefuses({ code: 'CSMS.0002', message: 'rotation_period must be given when auto_rotation is true' });
    given(rds).when(plan({ autoRotation: true, rotationPeriod: '30d' }, T0, 'db')).thenRefuses({ code: 'CSMS.0002' });
    given(one).when({ type: 'CreateSecret', secretId: secretId(3), name: 'new', kmsKeyId: secretId(9), value: sealed(1), rotation: { autoRotation: true, rotationPeriod: '1h' }, now: T0 }).thenRefuses({ code: 'CSMS.0002' });
  });

  it('create with a plan appends SecretCreated then SecretRotationConfigured; switching off clears the next time; the same plan again changes nothing', () => {
    given([]).when({ type: 'CreateSecret', secretId: secretId(3), name: 'new', kmsKeyId: secretId(9), value: sealed(1), rotation: { autoRotation: true, rotationPeriod: '1d' }, now: T0 }).thenSucceeds((events) => {
      expect(events.map((e) => e.type)).toEqual(['SecretCreated', 'SecretRotationConfigured']);
    });
    const on = history(one, plan({ autoRotation: true, rotationPeriod: '1d' }));
    given(on).when(plan({ autoRotation: false }, T0 + 5)).then([
      { type: 'SecretRotationConfigured', secretId: secretId(1), autoRotation: false, period: '1d', periodMs: DAY, nextRotationAt: null, at: T0 + 5 },
    ]);
    given(on).when(plan({ autoRotation: true, rotationPeriod: '1d' })).then([]);
  });

  it('a rotation moves the next rotation time one period past the rotation', () => {
    const state = stateAfter(history(one, plan({ autoRotation: true, rotationPeriod: '6h' }), rotate(1, T0 + 2 * HOUR)));
    expect(rotationOf(state, secretId(1))).toMatchObject({ autoRotation: true, rotatedAt: T0 + 2 * HOUR, nextRotationAt: T0 + 8 * HOUR });
  });
});

describe('the rotation scheduler finds due secrets', () => {
  it('due exactly at the next rotation time, not a millisecond before; not when switched off or pending deletion', () => {
    const on = history(one, plan({ autoRotation: true, rotationPeriod: '6h' }));
    expect(dueForRotation(stateAfter(on), T0 + 6 * HOUR - 1)).toEqual([]);
    expect(dueForRotation(stateAfter(on), T0 + 6 * HOUR)).toEqual(['app']);
    expect(dueForRotation(stateAfter(history(on, plan({ autoRotation: false }))), T0 + 7 * HOUR)).toEqual([]);
    expect(dueForRotation(stateAfter(history(on, { type: 'ScheduleSecretDeletion', name: 'app', days: 7, now: T0 })), T0 + 7 * HOUR)).toEqual([]);
    expect(dueForRotation(stateAfter(history(on, rotate(1, T0 + 6 * HOUR, 'app', 'SCHEDULED'))), T0 + 7 * HOUR)).toEqual([]);
  });
});

describe('a scheduled rotation that is not due', () => {
  it('is a no-op (a racing instance already rotated); a manual rotation is never held back', () => {
    const on = history(one, plan({ autoRotation: true, rotationPeriod: '6h' }));
    given(on).when(rotate(1, T0 + 6 * HOUR - 1, 'app', 'SCHEDULED')).then([]);
    given(history(on, rotate(1, T0 + 6 * HOUR, 'app', 'SCHEDULED'))).when(rotate(2, T0 + 6 * HOUR + 5, 'app', 'SCHEDULED')).then([]);
    given(on).when(rotate(3, T0 + HOUR)).thenSucceeds((events) => expect(events.map((e) => e.type)).toEqual(['SecretRotated']));
  });
});

describe('a refused scheduled rotation', () => {
  const failure = (now: number): SecretCommand => ({ type: 'RecordRotationFailure', name: 'app', taskId: 'task-f', operateType: 'SCHEDULED', errorCode: 'CSMS.0403', errorMessage: 'key disabled', now });

  it('is a FAILED task with its code and message; no version is added; the next try is a period on', () => {
    const on = history(one, plan({ autoRotation: true, rotationPeriod: '6h' }));
    given(on).when(failure(T0 + 6 * HOUR)).then([
      { type: 'SecretRotationFailed', secretId: secretId(1), secretName: 'app', taskId: 'task-f', operateType: 'SCHEDULED', errorCode: 'CSMS.0403', errorMessage: 'key disabled', at: T0 + 6 * HOUR },
    ]);
    const state = stateAfter(history(on, failure(T0 + 6 * HOUR)));
    expect(state.rotationTasks).toEqual([expect.objectContaining({ taskId: 'task-f', status: 'FAILED', errorCode: 'CSMS.0403', errorMessage: 'key disabled', attempts: 1 })]);
    expect(secret(state).versions.map((v) => v.id)).toEqual(['v1']);
    expect(rotationOf(state, secretId(1))).toMatchObject({ rotatedAt: null, nextRotationAt: T0 + 12 * HOUR });
    expect(dueForRotation(state, T0 + 7 * HOUR)).toEqual([]);
  });
});

describe('list-rotation-tasks', () => {
  const many = stateAfter(history([...one, created(3, 'other')], rotate(1), rotate(2, T0 + 2 * HOUR, 'other'), rotate(3), rotate(4)));

  it('lists newest first, filters by secret name, status and task id', () => {
    expect(listRotationTasks(many, {}).tasks.map((t) => t.taskId)).toEqual(['task-4', 'task-3', 'task-2', 'task-1']);
    expect(listRotationTasks(many, { secretName: 'other' }).tasks.map((t) => t.taskId)).toEqual(['task-2']);
    expect(listRotationTasks(many, { status: 'FAILED' })).toEqual({ total: 0, tasks: [], nextMarker: null });
    expect(listRotationTasks(many, { taskId: 'task-3' }).tasks.map((t) => t.taskId)).toEqual(['task-3']);
  });

  it('pages after the marker; the last page has no next marker; bad limit or marker → CSMS.0002', () => {
    const first = listRotationTasks(many, { limit: 3 });
    expect(first).toMatchObject({ total: 4, nextMarker: 'task-2' });
    expect(listRotationTasks(many, { limit: 3, marker: 'task-2' })).toMatchObject({ total: 4, nextMarker: null, tasks: [expect.objectContaining({ taskId: 'task-1' })] });
    expect(() => listRotationTasks(many, { limit: 0 })).toThrow('limit must be an integer 1..200, got 0');
    expect(() => listRotationTasks(many, { limit: 201 })).toThrow('limit must be an integer 1..200, got 201');
    expect(() => listRotationTasks(many, { marker: 'nope' })).toThrow('marker must be the id of a listed task, got "nope"');
  });
});

describe('rotation notifies subscribed secret events', () => {
  const HOOK = { target_type: 'WEBHOOK', target_id: 'https://hooks.example.com/dew', target_name: 'ops' };
  const watched = history(one,
    { type: 'CreateSecretEvent', eventId: 'id-watch', name: 'watch', eventTypes: ['SECRET_ROTATED', 'SECRET_ROTATED_FAILED'], state: 'ENABLED', notification: HOOK, now: T0 },
    { type: 'SubscribeSecret', name: 'app', eventNames: ['watch'], now: T0 },
    plan({ autoRotation: true, rotationPeriod: '6h' }));

  it('a rotation owes a SECRET_ROTATED notification, a refused scheduled one SECRET_ROTATED_FAILED', () => {
    given(watched).when(rotate(1)).thenSucceeds((events) => {
      expect(events.map((e) => e.type)).toEqual(['SecretRotated', 'NotificationDue']);
      expect(events[1]).toMatchObject({ occurrence: { eventType: 'SECRET_ROTATED', secretName: 'app', versionId: 'v2' } });
    });
    given(watched).when({ type: 'RecordRotationFailure', name: 'app', taskId: 't', operateType: 'SCHEDULED', errorCode: 'CSMS.0403', errorMessage: 'key disabled', now: T0 + 6 * HOUR }).thenSucceeds((events) => {
      expect(events[1]).toMatchObject({ type: 'NotificationDue', occurrence: { eventType: 'SECRET_ROTATED_FAILED', versionId: null } });
    });
  });
});

import {
  OTHER_PROJECT,
  PROJECT,
  RUNNER,
  T0,
  bind,
  boundWorld,
  complete,
  created,
  fail,
  given,
  history,
  hostKey,
  hosted,
  pairName,
  registered,
  serverId,
  shutDown,
  stateAfter,
  taskId,
  unbind,
} from '../fixtures.spec.js';
import { findServer } from '../state/queries.js';
import { TASK_ERROR_MESSAGE_MAX } from './failure.js';

const running = history([created(1), registered(1)], bind(1, 1, 1));
/** Server 1 bound to pair 1 (hosted private key), shut down, with a READY task 2 binding pair 2. */
const ready = history([...boundWorld(1, 1, 1, { privateKey: hosted(1) }), created(2)], shutDown(1), bind(1, 2, 2));
const startUp = { type: 'ChangeServer' as const, projectId: PROJECT, serverId: serverId(1), status: 'Running' as const, now: T0 + 1900 };
const runReady = { type: 'RunReadyTask' as const, taskId: taskId(2), runner: RUNNER, now: T0 + 1950 };

describe('RunReadyTask', () => {
  it('a READY task whose server runs again: BindTaskRunning naming its runner; folded, the task is RUNNING since now, asked for earlier', () => {
    given(history(ready, startUp)).when(runReady).then([{ type: 'BindTaskRunning', taskId: taskId(2), runner: RUNNER, at: T0 + 1950 }]);
    given(history(ready, startUp))
      .when(runReady)
      .thenSucceeds((_, state) => expect(state.tasks.get(taskId(2))).toMatchObject({ status: 'RUNNING', startedAt: T0 + 1002, runningSince: T0 + 1950, runner: RUNNER }));
  });

  it('while READY the task has no runner and no running time', () => {
    expect(stateAfter(...ready).tasks.get(taskId(2))).toMatchObject({ status: 'READY', runner: null, runningSince: null });
  });

  it('an empty runner: refused KPS.0002 naming runner', () => {
    given(history(ready, startUp)).when({ ...runReady, runner: '' }).thenRefuses({ code: 'KPS.0002', message: 'runner must be 1..128 characters' });
  });

  it('its server still shut down: refused KPS.1101 naming the status', () => {
    given(ready).when(runReady).thenRefuses({ code: 'KPS.1101', message: '"Shut down": the operation needs it Running' });
  });

  it('a task that is not READY: refused KPS.0409; an unknown one: KPS.0404', () => {
    given(running).when({ ...runReady, taskId: taskId(1) }).thenRefuses({ code: 'KPS.0409', message: 'is RUNNING, not READY' });
    given(running).when(runReady).thenRefuses({ code: 'KPS.0404', message: `task "${taskId(2)}" does not exist` });
  });

  it('the whole deferred replace: READY, the server runs, the task runs and completes; the server ends bound to the new pair', () => {
    const state = stateAfter(...history(ready, startUp, runReady, complete(2)));
    expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ keypairName: pairName(2), keypairId: 2 });
    expect(state.tasks.get(taskId(2))).toMatchObject({ operation: 'RESET', status: 'SUCCESS' });
  });
});

describe('CompleteTask', () => {
  it('a RUNNING RESET, no host key pinned yet: KeypairBound and the key seen pinned; folded, server bound and task SUCCESS', () => {
    const at = T0 + 2001;
    given(running)
      .when(complete(1, hostKey(1)))
      .then([
        { type: 'KeypairBound', taskId: taskId(1), serverId: serverId(1), keypairName: pairName(1), keypairId: 1, at },
        { type: 'ServerHostKeyPinned', serverId: serverId(1), hostKey: hostKey(1), at },
      ]);
    given(running)
      .when(complete(1, hostKey(1)))
      .thenSucceeds((_, state) => {
        expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ keypairName: pairName(1), keypairId: 1, hostKey: hostKey(1), updatedAt: at });
        expect(state.tasks.get(taskId(1))).toMatchObject({ status: 'SUCCESS', finishedAt: at });
      });
  });

  it('a host key already pinned stays as it is; none seen pins nothing', () => {
    const pinned = history([created(1), registered(1, { hostKey: hostKey(1) })], bind(1, 1, 1));
    given(pinned).when(complete(1, hostKey(2))).thenSucceeds((events, state) => {
      expect(events.map((e) => e.type)).toEqual(['KeypairBound']);
      expect(findServer(state, PROJECT, serverId(1))?.hostKey).toBe(hostKey(1));
    });
    given(running).when(complete(1, null)).thenSucceeds((events) => expect(events.map((e) => e.type)).toEqual(['KeypairBound']));
  });

  it('a RUNNING REPLACE: the server is bound to the new pair', () => {
    const replacing = history([...boundWorld(1, 1, 1), created(2)], bind(1, 2, 2));
    given(replacing)
      .when(complete(2))
      .thenSucceeds((_, state) => expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ keypairName: pairName(2), keypairId: 2 }));
  });

  it('a RUNNING UNBIND: KeypairUnbound; folded, the server is bound to nothing', () => {
    const unbinding = history(boundWorld(1, 1, 1), unbind(1, 2));
    given(unbinding)
      .when(complete(2))
      .thenSucceeds((events, state) => {
        expect(events).toEqual([expect.objectContaining({ type: 'KeypairUnbound', keypairId: 1, serverId: serverId(1) })]);
        expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ keypairName: null, keypairId: null });
      });
  });

  it('a READY task: refused KPS.0409; an unknown one: KPS.0404', () => {
    given(ready).when(complete(2)).thenRefuses({ code: 'KPS.0409', message: 'is READY, not RUNNING' });
    given(running).when(complete(5)).thenRefuses({ code: 'KPS.0404' });
  });

  it('a task that ended meanwhile (FAILED, or SUCCESS recorded already): no events, its first outcome stands and the server stays as it was', () => {
    given(history(running, fail(1))).when(complete(1, hostKey(1))).then([]);
    given(history(running, complete(1))).when(complete(1)).then([]);
    const failed = stateAfter(...history(running, fail(1)));
    expect(failed.tasks.get(taskId(1))).toMatchObject({ status: 'FAILED', errorCode: 'KPS.SSH' });
    expect(findServer(failed, PROJECT, serverId(1))).toMatchObject({ keypairId: null, hostKey: null });
  });

  it('a host key of the wrong shape: KPS.0002', () => {
    given(running).when(complete(1, 'garbage')).thenRefuses({ code: 'KPS.0002', message: 'host_key' });
  });
});

describe('FailTask', () => {
  it('a RUNNING task: BindTaskFailed; folded, FAILED with code, message and end time, the binding unchanged', () => {
    const at = T0 + 3001;
    given(running).when(fail(1)).then([{ type: 'BindTaskFailed', taskId: taskId(1), errorCode: 'KPS.SSH', errorMessage: 'ssh: connection refused', at }]);
    const replacing = history([...boundWorld(1, 1, 1), created(2)], bind(1, 2, 2));
    given(replacing)
      .when(fail(2))
      .thenSucceeds((_, state) => {
        expect(state.tasks.get(taskId(2))).toMatchObject({ status: 'FAILED', errorCode: 'KPS.SSH', errorMessage: 'ssh: connection refused', finishedAt: T0 + 3002 });
        expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ keypairName: pairName(1), keypairId: 1 });
      });
  });

  it('a READY task that cannot run is failed too', () => {
    given(ready).when(fail(2)).thenSucceeds((events) => expect(events[0]).toMatchObject({ type: 'BindTaskFailed' }));
  });

  it(`a message over ${TASK_ERROR_MESSAGE_MAX} characters is cut to ${TASK_ERROR_MESSAGE_MAX}; an empty error code is refused KPS.0002`, () => {
    given(running)
      .when({ type: 'FailTask', taskId: taskId(1), errorCode: 'E', errorMessage: '界'.repeat(TASK_ERROR_MESSAGE_MAX + 5), now: T0 })
      .thenSucceeds((events) => expect(events[0]).toMatchObject({ errorMessage: '界'.repeat(TASK_ERROR_MESSAGE_MAX) }));
    given(running).when({ type: 'FailTask', taskId: taskId(1), errorCode: '', errorMessage: 'm', now: T0 }).thenRefuses({ code: 'KPS.0002', message: 'error_code' });
  });

  it('a task that ended meanwhile (SUCCESS or FAILED): no events, its first outcome stands; an unknown one: KPS.0404', () => {
    given(history(running, complete(1))).when(fail(1)).then([]);
    given(history(running, fail(1))).when({ type: 'FailTask', taskId: taskId(1), errorCode: 'KPS.2002', errorMessage: 'unreachable', now: T0 + 4000 }).then([]);
    given(running).when(fail(5)).thenRefuses({ code: 'KPS.0404' });
  });
});

describe('DeleteFailedTask and DeleteFailedTasks', () => {
  const deleteOne = (n: number, projectId = PROJECT) => ({ type: 'DeleteFailedTask' as const, projectId, taskId: taskId(n), now: T0 + 9000 });
  const deleteAll = (projectId = PROJECT) => ({ type: 'DeleteFailedTasks' as const, projectId, now: T0 + 9000 });
  /** Tasks 1 (FAILED) and 3 (FAILED) of PROJECT, 2 (SUCCESS), 4 (FAILED) of OTHER_PROJECT. */
  const mixed = history(
    [created(1), registered(1), registered(2), registered(4, { projectId: OTHER_PROJECT })],
    bind(1, 1, 1),
    fail(1),
    bind(2, 1, 2),
    complete(2),
    bind(1, 1, 3),
    fail(3),
    bind(4, 1, 4, { projectId: OTHER_PROJECT }),
    fail(4),
  );

  it('a FAILED task of the project: FailedTaskDeleted; folded, it is gone', () => {
    given(mixed).when(deleteOne(1)).then([{ type: 'FailedTaskDeleted', taskId: taskId(1), at: T0 + 9000 }]);
    given(mixed)
      .when(deleteOne(1))
      .thenSucceeds((_, state) => expect(state.tasks.has(taskId(1))).toBe(false));
  });

  it('a task that did not fail, one of another project, or none: KPS.0404', () => {
    given(mixed).when(deleteOne(2)).thenRefuses({ code: 'KPS.0404', message: `failed task "${taskId(2)}" does not exist` });
    given(mixed).when(deleteOne(4)).thenRefuses({ code: 'KPS.0404' });
    given(running).when(deleteOne(1)).thenRefuses({ code: 'KPS.0404' });
  });

  it("every FAILED task of the project: FailedTasksDeleted with their ids; another project's and successful ones stay", () => {
    given(mixed).when(deleteAll()).then([{ type: 'FailedTasksDeleted', projectId: PROJECT, taskIds: [taskId(1), taskId(3)], at: T0 + 9000 }]);
    given(mixed)
      .when(deleteAll())
      .thenSucceeds((_, state) => expect([...state.tasks.keys()].sort()).toEqual([taskId(2), taskId(4)]));
  });

  it('no FAILED task in the project: no events', () => {
    given(running).when(deleteAll()).then([]);
  });
});

import {
  OTHER_PROJECT,
  PROJECT,
  RUNNER,
  T0,
  USER_A,
  USER_B,
  bind,
  boundWorld,
  complete,
  created,
  given,
  history,
  hosted,
  pairName,
  registered,
  serverId,
  shutDown,
  taskId,
} from '../fixtures.spec.js';
import { findServer } from '../state/queries.js';

const at = T0 + 1000 + 9;
/** Pair 1 and running, unbound server 1. */
const fresh = [created(1), registered(1)];
/** Server 1 bound to pair 1 (with a hosted private key), pair 2 to bind next. */
const boundToFirst = (over = {}) => [...boundWorld(1, 1, 1, { privateKey: hosted(1), ...over }), created(2)];

describe('StartBindTask on an unbound server', () => {
  it('Running, with a password: BindTaskStarted RESET RUNNING; folded, the task is live and the server still unbound', () => {
    given(fresh)
      .when(bind(1, 1, 9, { disablePassword: true }))
      .then([
        {
          type: 'BindTaskStarted',
          taskId: taskId(9),
          projectId: PROJECT,
          serverId: serverId(1),
          keypairName: pairName(1),
          keypairId: 1,
          operation: 'RESET',
          status: 'RUNNING',
          disablePassword: true,
          runner: RUNNER,
          at,
        },
      ]);
    given(fresh)
      .when(bind(1, 1, 9, { disablePassword: true }))
      .thenSucceeds((_, state) => {
        expect(state.tasks.get(taskId(9))).toEqual({
          id: taskId(9),
          projectId: PROJECT,
          serverId: serverId(1),
          keypairName: pairName(1),
          keypairId: 1,
          operation: 'RESET',
          status: 'RUNNING',
          disablePassword: true,
          errorCode: null,
          errorMessage: null,
          startedAt: at,
          runningSince: at,
          runner: RUNNER,
          finishedAt: null,
        });
        expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ keypairName: null, keypairId: null });
      });
  });

  it('Running, with a private key: RESET RUNNING', () => {
    given(fresh)
      .when(bind(1, 1, 9, { auth: 'privateKey' }))
      .thenSucceeds((events) => expect(events[0]).toMatchObject({ operation: 'RESET', status: 'RUNNING' }));
  });

  it('Running, with no credential: refused KPS.0002 naming server.auth', () => {
    given(fresh).when(bind(1, 1, 9, { auth: 'none' })).thenRefuses({ code: 'KPS.0002', message: 'server.auth must be password or privateKey' });
  });

  it('Shut down: refused KPS.1101, since nothing could log in to it later', () => {
    given([created(1), registered(1, { status: 'Shut down' })])
      .when(bind(1, 1, 9))
      .thenRefuses({ code: 'KPS.1101', status: 400, message: 'a shut-down server without a bound key pair cannot be reached: start it and bind with its password' });
  });
});

describe('StartBindTask on a server bound to another pair', () => {
  it.each(['privateKey', 'password'] as const)('Running, with %s: REPLACE RUNNING', (auth) => {
    given(boundToFirst())
      .when(bind(1, 2, 9, { auth }))
      .thenSucceeds((events) => expect(events).toEqual([expect.objectContaining({ keypairName: pairName(2), keypairId: 2, operation: 'REPLACE', status: 'RUNNING' })]));
  });

  it('Running, with no credential: refused KPS.0002 naming server.auth', () => {
    given(boundToFirst()).when(bind(1, 2, 9, { auth: 'none' })).thenRefuses({ code: 'KPS.0002', message: 'server.auth' });
  });

  it("Shut down, the old pair's private key hosted: RESET READY, whatever credential was given", () => {
    for (const auth of ['none', 'password'] as const) {
      given(history(boundToFirst(), shutDown(1)))
        .when(bind(1, 2, 9, { auth }))
        .thenSucceeds((events) => expect(events).toEqual([expect.objectContaining({ operation: 'RESET', status: 'READY', keypairId: 2 })]));
    }
  });

  it("Shut down, the old pair's private key not hosted: refused KPS.1102 naming the old pair", () => {
    given(history(boundToFirst({ privateKey: null }), shutDown(1)))
      .when(bind(1, 2, 9))
      .thenRefuses({ code: 'KPS.1102', message: `key pair "${pairName(1)}" has no hosted private key` });
  });

  it("Shut down, bound to another user's user pair: refused KPS.0404 (the reset would log in with that pair's private key for the caller); its owner may", () => {
    const boundByB = history([created(1, { scope: 'user', userId: USER_B, privateKey: hosted(1) }), registered(1), created(2)], bind(1, 1, 1, { userId: USER_B }), complete(1), shutDown(1));
    given(boundByB).when(bind(1, 2, 9)).thenRefuses({ code: 'KPS.0404', status: 404, message: `server "${serverId(1)}" is bound to a key pair you cannot see` });
    given(boundByB)
      .when(bind(1, 2, 9, { userId: USER_B }))
      .thenSucceeds((events) => expect(events).toEqual([expect.objectContaining({ operation: 'RESET', status: 'READY', keypairId: 2 })]));
  });

  it("Shut down, bound to another user's pair while the caller has a pair of the same name: still refused KPS.0404", () => {
    const boundByB = history([created(1, { scope: 'user', userId: USER_B, privateKey: hosted(1) }), registered(1), created(2)], bind(1, 1, 1, { userId: USER_B }), complete(1), shutDown(1));
    const sameName = created(3, { name: pairName(1), scope: 'user', userId: USER_A, privateKey: hosted(3) });
    given([...boundByB, sameName]).when(bind(1, 2, 9)).thenRefuses({ code: 'KPS.0404', message: 'is bound to a key pair you cannot see' });
  });

  it('bound to the very pair asked for: refused KPS.0409, running or not', () => {
    given(boundToFirst()).when(bind(1, 1, 9)).thenRefuses({ code: 'KPS.0409', message: `already bound to key pair "${pairName(1)}"` });
    given(history(boundToFirst(), shutDown(1))).when(bind(1, 1, 9)).thenRefuses({ code: 'KPS.0409' });
  });
});

describe('StartBindTask: servers no task may change', () => {
  it('a Windows server: refused KPS.1101 naming the OS, before its status is looked at', () => {
    given([created(1), registered(1, { os: 'Windows', status: 'Faulty' })])
      .when(bind(1, 1, 9))
      .thenRefuses({ code: 'KPS.1101', message: 'runs Windows' });
  });

  it.each(['Starting', 'Stopping', 'Faulty'] as const)('a %s server: refused KPS.1101 naming the status', (status) => {
    given([created(1), registered(1, { status })])
      .when(bind(1, 1, 9))
      .thenRefuses({ code: 'KPS.1101', message: `is "${status}": the operation needs it Running or Shut down` });
  });

  it('a server with a RUNNING task, or a READY one: refused KPS.0409 naming the task', () => {
    given(history([...fresh, created(2)], bind(1, 1, 1)))
      .when(bind(1, 2, 9))
      .thenRefuses({ code: 'KPS.0409', message: `already has task ${taskId(1)} (RUNNING)` });
    given(history(boundToFirst(), shutDown(1), bind(1, 2, 2)))
      .when(bind(1, 2, 9))
      .thenRefuses({ code: 'KPS.0409', message: `already has task ${taskId(2)} (READY)` });
  });

  it('after a task failed, the server takes a new one', () => {
    const failed = history(fresh, bind(1, 1, 1), { type: 'FailTask', taskId: taskId(1), errorCode: 'E', errorMessage: 'm', now: at });
    given(failed).when(bind(1, 1, 9)).thenSucceeds((events) => expect(events[0]).toMatchObject({ type: 'BindTaskStarted' }));
  });
});

describe('StartBindTask: what it names', () => {
  it('a server of another project, or none: KPS.0404', () => {
    given(fresh).when(bind(1, 1, 9, { projectId: OTHER_PROJECT })).thenRefuses({ code: 'KPS.0404', message: 'server' });
    given(fresh).when(bind(2, 1, 9)).thenRefuses({ code: 'KPS.0404' });
  });

  it("a pair the caller cannot see (another user's user pair) or none: KPS.0404", () => {
    given([created(1, { scope: 'user', userId: USER_B }), registered(1)])
      .when(bind(1, 1, 9))
      .thenRefuses({ code: 'KPS.0404', message: `key pair "${pairName(1)}" does not exist` });
    given([created(1, { scope: 'user', userId: USER_B }), registered(1)])
      .when(bind(1, 1, 9, { userId: USER_B }))
      .thenSucceeds((events) => expect(events[0]).toMatchObject({ keypairId: 1 }));
  });

  it('the caller\'s own user pair is bound by name', () => {
    given([created(1, { scope: 'user', userId: USER_A }), registered(1)])
      .when(bind(1, 1, 9))
      .thenSucceeds((events) => expect(events[0]).toMatchObject({ keypairName: pairName(1), keypairId: 1 }));
  });

  it('a task id already used: KPS.0409; one that is not a UUID: KPS.0002', () => {
    const done = history(fresh, bind(1, 1, 9), complete(9));
    given([...done, created(2)]).when(bind(1, 2, 9)).thenRefuses({ code: 'KPS.0409', message: `task id "${taskId(9)}" is already taken` });
    given(fresh).when(bind(1, 1, 9, { taskId: 'task-9' })).thenRefuses({ code: 'KPS.0002', message: 'task_id must be a lower-case UUID' });
  });

  it('an unknown auth kind or a non-boolean disablePassword: KPS.0002 naming the field', () => {
    given(fresh)
      .when(bind(1, 1, 9, { auth: 'token' as never }))
      .thenRefuses({ code: 'KPS.0002', message: 'server.auth must be one of password, privateKey, none, got "token"' });
    given(fresh).when(bind(1, 1, 9, { disablePassword: 'true' as never })).thenRefuses({ code: 'KPS.0002', message: 'disable_password' });
  });
});

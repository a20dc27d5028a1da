import { OTHER_PROJECT, PROJECT, RUNNER, T0, bind, boundWorld, created, given, history, pairName, registered, serverId, shutDown, taskId, unbind } from '../fixtures.spec.js';
import { findServer } from '../state/queries.js';

const at = T0 + 1000 + 9;
const bound = boundWorld(1, 1, 1);

describe('StartUnbindTask', () => {
  it('a running bound server, with a password: BindTaskStarted UNBIND RUNNING; folded, the server stays bound until the task completes', () => {
    given(bound)
      .when(unbind(1, 9))
      .then([
        {
          type: 'UnbindTaskStarted',
          taskId: taskId(9),
          projectId: PROJECT,
          serverId: serverId(1),
          keypairName: pairName(1),
          keypairId: 1,
          operation: 'UNBIND',
          status: 'RUNNING',
          disablePassword: false,
          runner: RUNNER,
          at,
        },
      ]);
    given(bound)
      .when(unbind(1, 9, { auth: 'privateKey' }))
      .thenSucceeds((_, state) => expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ keypairName: pairName(1), keypairId: 1 }));
  });

  it('a running bound server, with no credential: refused KPS.0002 naming server.auth', () => {
    given(bound).when(unbind(1, 9, { auth: 'none' })).thenRefuses({ code: 'KPS.0002', message: 'server.auth' });
  });

  it('a shut-down bound server: the task starts and succeeds in one append; folded, the server is unbound and the task SUCCESS', () => {
    const stopped = history(bound, shutDown(1));
    given(stopped)
      .when(unbind(1, 9, { auth: 'none' }))
      .thenSucceeds((events, state) => {
        expect(events).toEqual([
          expect.objectContaining({ type: 'UnbindTaskStarted', operation: 'UNBIND' }),
          { type: 'KeypairUnbound', taskId: taskId(9), serverId: serverId(1), keypairName: pairName(1), keypairId: 1, at },
        ]);
        expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ keypairName: null, keypairId: null, updatedAt: at });
        expect(state.tasks.get(taskId(9))).toMatchObject({ operation: 'UNBIND', status: 'SUCCESS', finishedAt: at });
      });
  });

  it('an unbound server: refused KPS.0409 "not bound"', () => {
    given([created(1), registered(1)]).when(unbind(1, 9)).thenRefuses({ code: 'KPS.0409', message: 'is not bound to a key pair' });
  });

  it('a server with a live task: refused KPS.0409 naming it', () => {
    given(history([...bound, created(2)], bind(1, 2, 2)))
      .when(unbind(1, 9))
      .thenRefuses({ code: 'KPS.0409', message: `task ${taskId(2)} (RUNNING)` });
  });

  it('a Windows or a Stopping server: refused KPS.1101', () => {
    given(history(bound, { type: 'ChangeServer', projectId: PROJECT, serverId: serverId(1), os: 'Windows', now: at }))
      .when(unbind(1, 9))
      .thenRefuses({ code: 'KPS.1101', message: 'runs Windows' });
    given(history(bound, { type: 'ChangeServer', projectId: PROJECT, serverId: serverId(1), status: 'Stopping', now: at }))
      .when(unbind(1, 9))
      .thenRefuses({ code: 'KPS.1101', message: '"Stopping"' });
  });

  it('a server of another project: KPS.0404', () => {
    given(bound).when(unbind(1, 9, { projectId: OTHER_PROJECT })).thenRefuses({ code: 'KPS.0404' });
  });
});

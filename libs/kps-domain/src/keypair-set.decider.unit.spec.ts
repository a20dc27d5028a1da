import { DewError } from '@dew/contracts';
import {
  DOMAIN,
  ENCRYPTED_PASSWORD,
  PROJECT,
  T0,
  USER_A,
  USER_B,
  bind,
  boundWorld,
  complete,
  created,
  history,
  hostKey,
  hosted,
  pairName,
  registered,
  serverId,
  stateAfter,
  taskId,
  unbind,
} from './fixtures.spec.js';
import { decide, evolve, initialKeypairSet, keypairSetDecider, type KeypairSetCommand, type KeypairSetEvent } from './index.js';
import { findKeypairById, findServer } from './state/queries.js';

const at = T0 + 9999;

describe('initialKeypairSet', () => {
  it('an empty set of the account, ids starting after 0; the decider value starts from one of no account', () => {
    expect(initialKeypairSet(DOMAIN)).toEqual({ domainId: DOMAIN, keypairs: new Map(), servers: new Map(), tasks: new Map(), lastKeypairNumber: 0 });
    expect(keypairSetDecider.initialState.domainId).toBe('');
    expect(keypairSetDecider.decide).toBe(decide);
    expect(keypairSetDecider.evolve).toBe(evolve);
  });
});

describe('evolve: each event on the state', () => {
  it('KeypairCreated: a pair under its name (account-scoped) or name@owner (user-scoped); lastKeypairNumber follows the id', () => {
    const state = stateAfter(created(1), created(7, { name: 'mine', scope: 'user', userId: USER_B }));
    expect([...state.keypairs.keys()].sort()).toEqual([`mine@${USER_B}`, pairName(1)]);
    expect(state.lastKeypairNumber).toBe(7);
    expect(findKeypairById(state, 7)).toMatchObject({ imported: false, scope: 'user', userId: USER_B });
  });

  it('KeypairImported: a pair marked imported', () => {
    expect(findKeypairById(stateAfter({ ...created(1), type: 'KeypairImported' }), 1)?.imported).toBe(true);
  });

  it('KeypairCreated again for a taken name or id: ignored', () => {
    const first = stateAfter(created(1));
    expect(evolve(first, created(2, { name: pairName(1) }))).toBe(first);
    expect(evolve(first, created(1, { name: 'other' }))).toBe(first);
  });

  it('KeypairDescriptionUpdated, KeypairScopeUpgraded, PrivateKeyImported, PrivateKeyCleared: the pair changes, updatedAt with it', () => {
    const user = created(1, { scope: 'user', userId: USER_A });
    const s1 = evolve(stateAfter(user), { type: 'KeypairDescriptionUpdated', keypairId: 1, name: pairName(1), description: 'd', at });
    expect(findKeypairById(s1, 1)).toMatchObject({ description: 'd', updatedAt: at });
    const s2 = evolve(s1, { type: 'KeypairScopeUpgraded', keypairId: 1, name: pairName(1), at });
    expect([...s2.keypairs.keys()]).toEqual([pairName(1)]);
    expect(findKeypairById(s2, 1)?.scope).toBe('domain');
    const s3 = evolve(s2, { type: 'PrivateKeyImported', keypairId: 1, name: pairName(1), privateKey: hosted(1), at });
    expect(findKeypairById(s3, 1)?.privateKey).toEqual(hosted(1));
    const s4 = evolve(s3, { type: 'PrivateKeyCleared', keypairId: 1, name: pairName(1), owner: 'owner-1', at });
    expect(findKeypairById(s4, 1)?.privateKey).toBeNull();
  });

  it('KeypairDeleted: the pair goes and the named servers are unbound; the id stays used', () => {
    const state = stateAfter(...boundWorld(1, 1, 1), {
      type: 'KeypairDeleted',
      keypairId: 1,
      name: pairName(1),
      privateKeyOwner: null,
      unboundServerIds: [serverId(1)],
      at,
    });
    expect(state.keypairs.size).toBe(0);
    expect(state.lastKeypairNumber).toBe(1);
    expect(findServer(state, PROJECT, serverId(1))).toMatchObject({ keypairId: null, keypairName: null, updatedAt: at });
  });

  it('ServerRegistered, ServerChanged, ServerHostKeyPinned, ServerRemoved: the inventory follows', () => {
    const s1 = stateAfter(registered(1));
    expect(findServer(s1, PROJECT, serverId(1))).toMatchObject({ id: serverId(1), hostKey: null, keypairId: null });
    const s2 = evolve(s1, { type: 'ServerChanged', serverId: serverId(1), status: 'Faulty', at });
    expect(findServer(s2, PROJECT, serverId(1))).toMatchObject({ status: 'Faulty', name: 'server-1', updatedAt: at });
    const s3 = evolve(s2, { type: 'ServerHostKeyPinned', serverId: serverId(1), hostKey: hostKey(1), at });
    expect(findServer(s3, PROJECT, serverId(1))?.hostKey).toBe(hostKey(1));
    expect(evolve(s3, { type: 'ServerRemoved', serverId: serverId(1), name: 'server-1', at }).servers.size).toBe(0);
  });

  it('BindTaskStarted, BindTaskRunning, KeypairBound, KeypairUnbound, BindTaskFailed, FailedTaskDeleted, FailedTasksDeleted: tasks and bindings follow', () => {
    const started: KeypairSetEvent = {
      type: 'BindTaskStarted',
      taskId: taskId(1),
      projectId: PROJECT,
      serverId: serverId(1),
      keypairName: pairName(1),
      keypairId: 1,
      operation: 'RESET',
      status: 'READY',
      disablePassword: true,
      at,
    };
    const s1 = stateAfter(created(1), registered(1), started);
    expect(s1.tasks.get(taskId(1))).toMatchObject({ status: 'READY', disablePassword: true, startedAt: at, finishedAt: null });
    const s2 = evolve(s1, { type: 'BindTaskRunning', taskId: taskId(1), at: at + 1 });
    expect(s2.tasks.get(taskId(1))).toMatchObject({ status: 'RUNNING', startedAt: at, runningSince: at + 1, runner: null });
    const done = { taskId: taskId(1), serverId: serverId(1), keypairName: pairName(1), keypairId: 1, at: at + 2 };
    const s3 = evolve(s2, { type: 'KeypairBound', ...done });
    expect(findServer(s3, PROJECT, serverId(1))).toMatchObject({ keypairId: 1, keypairName: pairName(1) });
    expect(s3.tasks.get(taskId(1))).toMatchObject({ status: 'SUCCESS', finishedAt: at + 2 });
    const s4 = evolve(s3, { type: 'KeypairUnbound', ...done });
    expect(findServer(s4, PROJECT, serverId(1))?.keypairId).toBeNull();
    const s5 = evolve(stateAfter(created(1), registered(1), started), { type: 'BindTaskFailed', taskId: taskId(1), errorCode: 'E1', errorMessage: 'no route', at });
    expect(s5.tasks.get(taskId(1))).toMatchObject({ status: 'FAILED', errorCode: 'E1', errorMessage: 'no route', finishedAt: at });
    expect(evolve(s5, { type: 'FailedTaskDeleted', taskId: taskId(1), at }).tasks.size).toBe(0);
    expect(evolve(s5, { type: 'FailedTasksDeleted', projectId: PROJECT, taskIds: [taskId(1)], at }).tasks.size).toBe(0);
  });

  it('KeypairUnbound for a pair the server no longer names: the binding is left alone', () => {
    const state = stateAfter(...boundWorld(1, 1, 1));
    const next = evolve(state, { type: 'KeypairUnbound', taskId: taskId(1), serverId: serverId(1), keypairName: 'old', keypairId: 42, at });
    expect(findServer(next, PROJECT, serverId(1))?.keypairId).toBe(1);
  });

  it('events naming an unknown pair, server or task: ignored (the same state back)', () => {
    const state = stateAfter(created(1), registered(1));
    const ignored: KeypairSetEvent[] = [
      { type: 'KeypairDescriptionUpdated', keypairId: 9, name: 'x', description: 'd', at },
      { type: 'KeypairScopeUpgraded', keypairId: 9, name: 'x', at },
      { type: 'PrivateKeyImported', keypairId: 9, name: 'x', privateKey: hosted(9), at },
      { type: 'PrivateKeyCleared', keypairId: 9, name: 'x', owner: 'o', at },
      { type: 'KeypairDeleted', keypairId: 9, name: 'x', privateKeyOwner: null, unboundServerIds: [], at },
      { type: 'ServerChanged', serverId: serverId(9), port: 2, at },
      { type: 'ServerHostKeyPinned', serverId: serverId(9), hostKey: null, at },
      { type: 'ServerRemoved', serverId: serverId(9), name: 'x', at },
      { type: 'BindTaskRunning', taskId: taskId(9), at },
      { type: 'BindTaskFailed', taskId: taskId(9), errorCode: 'E', errorMessage: 'm', at },
    ];
    for (const event of ignored) expect(evolve(state, event)).toBe(state);
  });

  it('copy-on-write: the earlier state is unchanged by a later event', () => {
    const before = stateAfter(created(1), registered(1));
    const after = evolve(before, { type: 'ServerChanged', serverId: serverId(1), status: 'Shut down', at });
    expect(findServer(before, PROJECT, serverId(1))?.status).toBe('Running');
    expect(findServer(after, PROJECT, serverId(1))?.status).toBe('Shut down');
  });
});

describe('never-checks', () => {
  it('a command or event of a type no feature owns fails loudly instead of being ignored', () => {
    const state = initialKeypairSet(DOMAIN);
    expect(() => decide(state, { type: 'LaunchMissiles' } as unknown as KeypairSetCommand)).toThrow('unexpected value');
    expect(() => evolve(state, { type: 'MissilesLaunched' } as unknown as KeypairSetEvent)).toThrow('unexpected value');
  });

  it('no refusal shows a sealed private key or an encrypted password, whatever the state holds', () => {
    const world = history(
      [
        ...boundWorld(1, 1, 1, { privateKey: hosted(1) }),
        created(2, { privateKey: hosted(2) }),
        registered(2, { os: 'Windows', encryptedPassword: ENCRYPTED_PASSWORD }),
        registered(3),
      ],
      bind(3, 2, 3),
    );
    const refused: KeypairSetCommand[] = [
      { type: 'ImportPrivateKey', userId: USER_A, name: pairName(1), privateKey: hosted(3), now: at },
      { type: 'ImportPrivateKey', userId: USER_A, name: pairName(2), privateKey: { ...hosted(4), owner: '' }, now: at },
      { type: 'DeleteKeypair', userId: USER_A, name: pairName(2), now: at },
      { type: 'ChangeServer', projectId: PROJECT, serverId: serverId(2), os: 'Linux', now: at },
      { type: 'ChangeServer', projectId: PROJECT, serverId: serverId(1), encryptedPassword: ENCRYPTED_PASSWORD, now: at },
      { type: 'ChangeServer', projectId: PROJECT, serverId: serverId(2), encryptedPassword: `${ENCRYPTED_PASSWORD}%`, now: at },
      bind(2, 1, 9),
      bind(1, 1, 9),
      unbind(2, 9),
      { type: 'RunReadyTask', taskId: taskId(1), runner: 'kps#1', now: at },
    ];
    const secrets = [hosted(1).sealed, hosted(2).sealed, hosted(3).sealed, hosted(4).sealed, ENCRYPTED_PASSWORD];
    const state = stateAfter(...world);
    for (const command of refused) {
      let refusal: unknown;
      try {
        decide(state, command);
      } catch (e) {
        refusal = e;
      }
      expect(refusal).toBeInstanceOf(DewError);
      for (const secret of secrets) expect((refusal as DewError).message).not.toContain(secret);
    }
  });

  it('events that tell the service to shred a private key carry its keyring owner, never the sealed key', () => {
    const world = history([created(1, { privateKey: hosted(1) }), created(2, { privateKey: hosted(2) })], {
      type: 'ClearPrivateKey',
      userId: USER_A,
      name: pairName(1),
      now: at,
    }, { type: 'DeleteKeypair', userId: USER_A, name: pairName(2), now: at });
    const [cleared, deleted] = world.slice(2);
    expect(cleared).toMatchObject({ type: 'PrivateKeyCleared', owner: 'owner-1' });
    expect(deleted).toMatchObject({ type: 'KeypairDeleted', privateKeyOwner: 'owner-2' });
    expect(JSON.stringify([cleared, deleted])).not.toContain('SEALED');
  });
});

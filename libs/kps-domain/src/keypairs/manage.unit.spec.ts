import {
  PROJECT,
  RUNNER,
  T0,
  USER_A,
  USER_B,
  bind,
  complete,
  created,
  fail,
  given,
  history,
  hosted,
  pairName,
  registered,
  serverId,
  shutDown,
  stateAfter,
  taskId,
} from '../fixtures.spec.js';
import { boundServerCount, findVisibleKeypair } from '../state/queries.js';

const NAME = pairName(1);
const at = T0 + 77;
const own = created(1, { scope: 'user', userId: USER_A });

describe('UpdateKeypairDescription', () => {
  const update = (description: string, userId = USER_A) => ({ type: 'UpdateKeypairDescription' as const, userId, name: NAME, description, now: at });

  it('new text: KeypairDescriptionUpdated; folded, description and updatedAt change', () => {
    given([created(1)]).when(update('prod')).then([{ type: 'KeypairDescriptionUpdated', keypairId: 1, name: NAME, description: 'prod', at }]);
    given([created(1)])
      .when(update('prod'))
      .thenSucceeds((_, state) => expect(findVisibleKeypair(state, USER_A, NAME)).toMatchObject({ description: 'prod', updatedAt: at, createdAt: T0 + 1 }));
  });

  it('the same text: no events', () => {
    given([created(1, { description: 'prod' })]).when(update('prod')).then([]);
  });

  it('256 characters: KPS.0002; unknown name: KPS.0404', () => {
    given([created(1)]).when(update('x'.repeat(256))).thenRefuses({ code: 'KPS.0002', message: '255' });
    given([created(1)]).when({ ...update('x'), name: 'nope' }).thenRefuses({ code: 'KPS.0404' });
  });
});

describe('UpdateKeypair (description and scope together)', () => {
  const update = (description: string | undefined, upgradeScope: boolean) => ({ type: 'UpdateKeypair' as const, userId: USER_A, name: NAME, ...(description !== undefined ? { description } : {}), upgradeScope, now: at });

  it('a new description and an upgrade of a user pair: both events, in that order', () => {
    given([own]).when(update('prod', true)).then([
      { type: 'KeypairDescriptionUpdated', keypairId: 1, name: NAME, description: 'prod', at },
      { type: 'KeypairScopeUpgraded', keypairId: 1, name: NAME, at },
    ]);
  });

  it('a new description with an upgrade of a pair already account-scoped: refused KPS.0409, and the description is not changed either (the fuzzer found it appended)', () => {
    given([created(1)]).when(update('prod', true)).thenRefuses({ code: 'KPS.0409', message: 'already account-scoped' });
  });

  it('a description of 256 characters with a valid upgrade: refused KPS.0002, the pair keeps its scope', () => {
    given([own]).when(update('x'.repeat(256), true)).thenRefuses({ code: 'KPS.0002' });
  });
});

describe('UpgradeKeypairScope', () => {
  const upgrade = (userId = USER_A) => ({ type: 'UpgradeKeypairScope' as const, userId, name: NAME, now: at });

  it("the owner's user pair becomes account-scoped: KeypairScopeUpgraded; folded, every user sees it under its name", () => {
    given([own]).when(upgrade()).then([{ type: 'KeypairScopeUpgraded', keypairId: 1, name: NAME, at }]);
    given([own])
      .when(upgrade())
      .thenSucceeds((_, state) => {
        expect(findVisibleKeypair(state, USER_B, NAME)).toMatchObject({ id: 1, scope: 'domain', userId: USER_A, updatedAt: at });
        expect([...state.keypairs.keys()]).toEqual([NAME]);
      });
  });

  it('an account-scoped pair: refused KPS.0409 "already account-scoped"', () => {
    given([created(1)]).when(upgrade()).thenRefuses({ code: 'KPS.0409', message: 'already account-scoped' });
  });

  it('another user holds a user pair of the same name: refused KPS.0409, since the name would mean two pairs to them', () => {
    given([own, created(2, { name: NAME, scope: 'user', userId: USER_B })])
      .when(upgrade())
      .thenRefuses({ code: 'KPS.0409', message: 'a user-scoped key pair of another user' });
  });

  it("another user cannot upgrade someone's user pair: they do not see it (KPS.0404)", () => {
    given([own]).when(upgrade(USER_B)).thenRefuses({ code: 'KPS.0404' });
  });
});

describe('ImportPrivateKey and ClearPrivateKey', () => {
  const importKey = (n: number) => ({ type: 'ImportPrivateKey' as const, userId: USER_A, name: NAME, privateKey: hosted(n), now: at });
  const clear = { type: 'ClearPrivateKey' as const, userId: USER_A, name: NAME, now: at };

  it('import onto a pair without one: PrivateKeyImported; folded, the pair hosts it', () => {
    given([created(1)]).when(importKey(2)).then([{ type: 'PrivateKeyImported', keypairId: 1, name: NAME, privateKey: hosted(2), at }]);
    given([created(1)])
      .when(importKey(2))
      .thenSucceeds((_, state) => expect(findVisibleKeypair(state, USER_A, NAME)?.privateKey).toEqual(hosted(2)));
  });

  it('import onto a pair that hosts one: refused KPS.0409, naming neither envelope', () => {
    const refusal = given([created(1, { privateKey: hosted(1) })])
      .when(importKey(2))
      .thenRefuses({ code: 'KPS.0409', message: 'already has a hosted private key' });
    expect(refusal.message).not.toContain(hosted(1).sealed);
    expect(refusal.message).not.toContain(hosted(2).sealed);
  });

  it('import of a malformed envelope: KPS.0500', () => {
    given([created(1)]).when({ ...importKey(2), privateKey: { ...hosted(2), sealed: '' } }).thenRefuses({ code: 'KPS.0500' });
  });

  it('clear: PrivateKeyCleared carries the keyring owner to shred; folded, the pair hosts none', () => {
    given([created(1, { privateKey: hosted(1) })]).when(clear).then([{ type: 'PrivateKeyCleared', keypairId: 1, name: NAME, owner: 'owner-1', at }]);
    given([created(1, { privateKey: hosted(1) })])
      .when(clear)
      .thenSucceeds((_, state) => expect(findVisibleKeypair(state, USER_A, NAME)?.privateKey).toBeNull());
  });

  it('clear when none is hosted: refused KPS.1102', () => {
    given([created(1)]).when(clear).thenRefuses({ code: 'KPS.1102', status: 400, message: 'has no hosted private key' });
  });

  it("clear of a shut-down server's current pair, whose private key a READY reset will log in with: refused KPS.0409 naming the task; once it ran, cleared", () => {
    const ready = history([created(1, { privateKey: hosted(1) }), created(2), registered(1)], bind(1, 1, 1), complete(1), shutDown(1), bind(1, 2, 2));
    expect(stateAfter(...ready).tasks.get(taskId(2))?.status).toBe('READY');
    given(ready).when(clear).thenRefuses({ code: 'KPS.0409', status: 409, message: `task ${taskId(2)} (READY)` });
    const ran = history(ready, { type: 'ChangeServer', projectId: PROJECT, serverId: serverId(1), status: 'Running', now: at }, { type: 'RunReadyTask', taskId: taskId(2), runner: RUNNER, now: at }, complete(2));
    given(ran).when(clear).thenSucceeds((events) => expect(events[0]).toMatchObject({ type: 'PrivateKeyCleared', owner: 'owner-1' }));
  });
});

describe('DeleteKeypair', () => {
  const del = { type: 'DeleteKeypair' as const, userId: USER_A, name: NAME, now: at };

  it('a pair with no private key and no server: KeypairDeleted with nothing to shred; folded, the name is free', () => {
    given([created(1)]).when(del).then([{ type: 'KeypairDeleted', keypairId: 1, name: NAME, privateKeyOwner: null, unboundServerIds: [], at }]);
    given([created(1)])
      .when(del)
      .thenSucceeds((_, state) => expect(findVisibleKeypair(state, USER_A, NAME)).toBeUndefined());
  });

  it('a hosted pair bound to two servers: the event names the keyring owner and both servers; folded, they are unbound, a third is untouched', () => {
    const past = history(
      [created(1, { privateKey: hosted(1) }), created(2), registered(1), registered(2), registered(3)],
      bind(2, 1, 1),
      complete(1),
      bind(1, 1, 2),
      complete(2),
      bind(3, 2, 3),
      complete(3),
    );
    expect(boundServerCount(stateAfter(...past), 1)).toBe(2);
    given(past)
      .when(del)
      .thenSucceeds((events, state) => {
        expect(events).toEqual([{ type: 'KeypairDeleted', keypairId: 1, name: NAME, privateKeyOwner: 'owner-1', unboundServerIds: [serverId(1), serverId(2)], at }]);
        expect(state.servers.get(serverId(1))).toMatchObject({ keypairName: null, keypairId: null, updatedAt: at });
        expect(state.servers.get(serverId(2))).toMatchObject({ keypairName: null, keypairId: null });
        expect(state.servers.get(serverId(3))).toMatchObject({ keypairName: pairName(2), keypairId: 2 });
      });
  });

  it('a pair a RUNNING task binds: refused KPS.0409 naming the task; once the task failed, deleted', () => {
    const running = history([created(1), registered(1)], bind(1, 1, 1));
    given(running).when(del).thenRefuses({ code: 'KPS.0409', message: `task ${taskId(1)} (RUNNING)` });
    given(history(running, fail(1))).when(del).thenSucceeds((events) => expect(events[0]).toMatchObject({ type: 'KeypairDeleted' }));
  });

  it("a shut-down server's current pair, whose private key a READY task will log in with: refused KPS.0409", () => {
    const ready = history([created(1, { privateKey: hosted(1) }), created(2), registered(1)], bind(1, 1, 1), complete(1), shutDown(1), bind(1, 2, 2));
    expect(stateAfter(...ready).tasks.get(taskId(2))?.status).toBe('READY');
    given(ready).when(del).thenRefuses({ code: 'KPS.0409', message: '(READY)' });
  });
});

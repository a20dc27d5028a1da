import { T0, USER_A, USER_B, created, given, md5, oneEvent, publicKey, sha256, stateAfter } from '../fixtures.spec.js';
import type { KeypairScope } from '../state/keypair-set.js';
import { findVisibleKeypair } from '../state/queries.js';
import type { CreateKeypair } from './decide.js';

const USER_C = 'cccccccccccccccccccccccccccccccc';

const create = (scope: KeypairScope, userId: string, name = 'web'): CreateKeypair => ({
  type: 'CreateKeypair',
  userId,
  name,
  scope,
  keypairType: 'ssh',
  algorithm: 'SSH_ED25519',
  publicKey: publicKey(9),
  fingerprint: md5(9),
  fingerprintSha256: sha256(9),
  imported: false,
  privateKey: null,
  now: T0 + 10,
});
/** Pair 1 named `web`, of `scope`, made by `userId`. */
const existing = (scope: KeypairScope, userId: string) => created(1, { name: 'web', scope, userId });

describe('key pair names: unambiguous for every user who can see them', () => {
  // existing pair (scope, owner) × new pair (scope, creator): a name clashes unless both are user-scoped pairs of different users.
  it.each`
    existingScope | existingOwner | newScope    | creator   | holder
    ${'domain'}   | ${USER_A}     | ${'domain'} | ${USER_A} | ${'an account-scoped key pair'}
    ${'domain'}   | ${USER_A}     | ${'domain'} | ${USER_B} | ${'an account-scoped key pair'}
    ${'domain'}   | ${USER_A}     | ${'user'}   | ${USER_A} | ${'an account-scoped key pair'}
    ${'domain'}   | ${USER_A}     | ${'user'}   | ${USER_B} | ${'an account-scoped key pair'}
    ${'user'}     | ${USER_A}     | ${'domain'} | ${USER_A} | ${'your user-scoped key pair'}
    ${'user'}     | ${USER_A}     | ${'domain'} | ${USER_B} | ${'a user-scoped key pair of another user'}
    ${'user'}     | ${USER_A}     | ${'user'}   | ${USER_A} | ${'your user-scoped key pair'}
  `(
    'existing $existingScope pair of $existingOwner, new $newScope pair by $creator: refused KPS.0409 naming the holder',
    ({ existingScope, existingOwner, newScope, creator, holder }) => {
      given([existing(existingScope, existingOwner)])
        .when(create(newScope, creator))
        .thenRefuses({ code: 'KPS.0409', status: 409, message: `key pair name "web" is taken by ${holder}` });
    },
  );

  it("existing user pair of USER_A, new user pair by USER_B: accepted, and each user sees their own", () => {
    given([existing('user', USER_A)])
      .when(create('user', USER_B))
      .thenSucceeds((events, state) => {
        oneEvent(events);
        expect(findVisibleKeypair(state, USER_A, 'web')?.id).toBe(1);
        expect(findVisibleKeypair(state, USER_B, 'web')?.id).toBe(2);
      });
  });

  it('two other users each with a user pair X: a third user may take X as user-scoped, nobody as account-scoped', () => {
    const past = [existing('user', USER_A), created(2, { name: 'web', scope: 'user', userId: USER_B })];
    given(past).when(create('user', USER_C)).thenSucceeds(oneEvent);
    given(past).when(create('domain', USER_C)).thenRefuses({ code: 'KPS.0409' });
  });

  it('another name never clashes', () => {
    given([existing('domain', USER_A)]).when(create('domain', USER_A, 'db')).thenSucceeds(oneEvent);
  });

  it('a deleted pair frees its name', () => {
    given([existing('domain', USER_A), { type: 'KeypairDeleted', keypairId: 1, name: 'web', privateKeyOwner: null, unboundServerIds: [], at: T0 + 5 }])
      .when(create('user', USER_B))
      .thenSucceeds(oneEvent);
  });
});

describe('findVisibleKeypair: a user sees account-scoped pairs and their own', () => {
  it('an account-scoped pair is visible to every user of the account', () => {
    const state = stateAfter(existing('domain', USER_A));
    expect(findVisibleKeypair(state, USER_A, 'web')?.id).toBe(1);
    expect(findVisibleKeypair(state, USER_B, 'web')?.id).toBe(1);
  });

  it("a user-scoped pair is visible to its owner only: another user's lookup finds nothing", () => {
    const state = stateAfter(existing('user', USER_A));
    expect(findVisibleKeypair(state, USER_A, 'web')?.id).toBe(1);
    expect(findVisibleKeypair(state, USER_B, 'web')).toBeUndefined();
  });

  it("the user's own pair comes before an account-scoped one of the same name (a history decide would refuse, folded anyway)", () => {
    const state = stateAfter(existing('domain', USER_B), created(2, { name: 'web', scope: 'user', userId: USER_A }));
    expect(findVisibleKeypair(state, USER_A, 'web')?.id).toBe(2);
    expect(findVisibleKeypair(state, USER_B, 'web')?.id).toBe(1);
  });

  it("a name carrying \"@<owner>\" cannot reach another user's pair through the map key", () => {
    const state = stateAfter(existing('user', USER_A));
    expect(findVisibleKeypair(state, USER_B, `web@${USER_A}`)).toBeUndefined();
  });

  it("commands on another user's user-scoped pair are refused KPS.0404 as if it did not exist", () => {
    given([existing('user', USER_A)])
      .when({ type: 'DeleteKeypair', userId: USER_B, name: 'web', now: T0 + 9 })
      .thenRefuses({ code: 'KPS.0404', status: 404, message: 'key pair "web" does not exist' });
  });
});

import { evolve } from '../index.js';
import { AK1, AK_ADMIN, HASH, WRAPPED, domainCreated, exactly, given, stateAfter, userCreated } from '../account.fixtures.spec.js';
import { listGroupsOfUser } from '../index.js';
import { domainOfAccessKey, domainOfUser, emptyDirectory, evolveDirectory } from '../index.js';
import { ADMIN_ID, DOMAIN_ID, GROUP_ID, T0, USER2_ID, USER_ID, WORLD, activeOf, world } from '../iam.fixtures.spec.js';
import { findAccessKey, findUser, listAccessKeys } from '../index.js';

const T1 = Date.parse('2026-11-28T11:00:00.000Z');
const NEW_HASH = 'scrypt$N=16384$salt2$hash2';
const update = (extra: object) => ({ type: 'UpdateUser', actorId: ADMIN_ID, userId: USER_ID, now: T1, ...extra }) as const;
const aliceDisabled = [...WORLD, { type: 'UserDisabled', userId: USER_ID, at: T1 }] as const;
const deleteAlice = { type: 'DeleteUser', actorId: ADMIN_ID, userId: USER_ID, now: T1 } as const;

describe('decide: CreateUser description', () => {
  it('CreateUser: description of 255 chars → carried by UserCreated; 256 → IAM.0001', () => {
    const create = (description: string) =>
      ({ type: 'CreateUser', userId: USER2_ID, name: 'carol', passwordHash: null, isDomainAdmin: false, description, now: T0 }) as const;
    given([domainCreated]).when(create('d'.repeat(255))).thenSucceeds((events) => expect(events[0]).toMatchObject({ description: 'd'.repeat(255) }));
    given([domainCreated]).when(create('d'.repeat(256))).thenRefuses({
      code: 'IAM.0001', message: exactly('description must be at most 255 characters (got 256)'),
    });
  });

  it('UserCreated: written without a description (older stream) → user description ""', () => {
    expect(activeOf(stateAfter(domainCreated, userCreated)).users.get(USER_ID)?.description).toBe('');
  });
});

describe('decide: UpdateUser', () => {
  it('UpdateUser: name and description → one UserUpdated with both values after the change', () => {
    given(WORLD)
      .when(update({ name: 'alice2', description: 'ops lead' }))
      .then([{ type: 'UserUpdated', userId: USER_ID, name: 'alice2', description: 'ops lead', at: T1 }]);
  });

  it('UpdateUser: password hash → UserPasswordChanged (its own event); folded → new hash', () => {
    given(WORLD).when(update({ passwordHash: NEW_HASH })).thenSucceeds((events, state) => {
      expect(events).toEqual([{ type: 'UserPasswordChanged', userId: USER_ID, passwordHash: NEW_HASH, at: T1 }]);
      expect(findUser(state, USER_ID)).toMatchObject({ passwordHash: NEW_HASH, updatedAt: T1 });
    });
  });

  it('UpdateUser: enabled false then true → UserDisabled / UserEnabled', () => {
    given(WORLD).when(update({ enabled: false })).then([{ type: 'UserDisabled', userId: USER_ID, at: T1 }]);
    given(aliceDisabled).when(update({ enabled: true })).then([{ type: 'UserEnabled', userId: USER_ID, at: T1 }]);
  });

  it('UpdateUser: every field at once → events in order name/description, password, enabled', () => {
    given(WORLD)
      .when(update({ name: 'al', description: 'x', passwordHash: NEW_HASH, enabled: false }))
      .thenSucceeds((events) => expect(events.map((e) => e.type)).toEqual(['UserUpdated', 'UserPasswordChanged', 'UserDisabled']));
  });

  it('UpdateUser: nothing changes → no events', () => {
    given(WORLD).when(update({ name: 'alice', description: '', enabled: true })).then([]);
  });

  it('UpdateUser: name of another user → IAM.0003; own name → allowed', () => {
    given(WORLD).when(update({ name: 'bob' })).thenRefuses({
      code: 'IAM.0003', message: exactly(`user name "bob" already exists in domain ${DOMAIN_ID}`),
    });
    given(WORLD).when(update({ name: 'alice', description: 'x' })).thenSucceeds((events) => expect(events).toHaveLength(1));
  });

  it('UpdateUser: name of 65 chars or a leading digit → IAM.0001, nothing emitted', () => {
    given(WORLD).when(update({ name: 'a'.repeat(65), enabled: false })).thenRefuses({
      code: 'IAM.0001', message: exactly('user name must be 1–64 characters (got 65)'),
    });
    given(WORLD).when(update({ name: '9lives' })).thenRefuses({ code: 'IAM.0001', message: exactly('user name must not start with a digit (got "9lives")') });
  });

  it('UpdateUser: empty password hash → IAM.0001 that does not echo a hash', () => {
    given(WORLD).when(update({ passwordHash: '' })).thenRefuses({ code: 'IAM.0001', message: exactly('passwordHash must be a non-empty string') });
  });

  it('UpdateUser: unknown user → IAM.0002', () => {
    given(WORLD).when({ type: 'UpdateUser', actorId: ADMIN_ID, userId: 'f'.repeat(32), name: 'x', now: T1 }).thenRefuses({ code: 'IAM.0002' });
  });
});

describe('decide: DeleteUser', () => {
  it('DeleteUser: user with an access key → AccessKeyDeleted for each key, then UserDeleted', () => {
    given(WORLD).when(deleteAlice).then([
      { type: 'AccessKeyDeleted', accessKey: AK1, at: T1 },
      { type: 'UserDeleted', userId: USER_ID, at: T1 },
    ]);
  });

  it('DeleteUser: folded → user, its keys and its memberships gone', () => {
    given(WORLD).when(deleteAlice).thenSucceeds((_, state) => {
      expect(findUser(state, USER_ID)).toBeNull();
      expect(findAccessKey(state, AK1)).toBeNull();
      expect(listGroupsOfUser(state, USER_ID)).toEqual([]);
      expect(activeOf(state).groups.get(GROUP_ID)?.members.size).toBe(0);
    });
  });

  it('DeleteUser: the domain administrator → IAM.0001, nothing emitted', () => {
    given(WORLD).when({ type: 'DeleteUser', actorId: ADMIN_ID, userId: ADMIN_ID, now: T1 }).thenRefuses({
      code: 'IAM.0001', message: exactly(`user ${ADMIN_ID} is the domain administrator and cannot be deleted`),
    });
  });

  it('DeleteUser: unknown user → IAM.0002', () => {
    given(WORLD).when({ type: 'DeleteUser', actorId: ADMIN_ID, userId: 'f'.repeat(32), now: T1 }).thenRefuses({ code: 'IAM.0002' });
  });

  it('UserDeleted alone (keys not deleted before) → evolve still drops the keys', () => {
    const state = evolve(world(), { type: 'UserDeleted', userId: USER_ID, at: T1 });
    expect(listAccessKeys(state).map((k) => k.accessKey)).toEqual([AK_ADMIN]);
  });

  it('directory: DeleteUser events folded → user and its access keys no longer resolve', () => {
    const setup = [
      domainCreated,
      userCreated,
      { type: 'AccessKeyCreated', accessKey: AK1, userId: USER_ID, wrappedSecret: WRAPPED, description: '', at: T0 },
    ] as const;
    given(setup).when(deleteAlice).thenSucceeds((events) => {
      const dir = [...setup, ...events].reduce(evolveDirectory, emptyDirectory());
      expect(domainOfUser(dir, USER_ID)).toBeNull();
      expect(domainOfAccessKey(dir, AK1)).toBeNull();
    });
  });
});

describe('decide: SetAccessKeyDescription', () => {
  const describeKey = (accessKey: string, description: string) =>
    ({ type: 'SetAccessKeyDescription', actorId: ADMIN_ID, accessKey, description, now: T1 }) as const;

  it('SetAccessKeyDescription: new text → AccessKeyDescriptionChanged; folded → listed with it', () => {
    given(WORLD).when(describeKey(AK1, 'ci')).thenSucceeds((events, state) => {
      expect(events).toEqual([{ type: 'AccessKeyDescriptionChanged', accessKey: AK1, description: 'ci', at: T1 }]);
      expect(listAccessKeys(state, USER_ID)[0]).toMatchObject({ description: 'ci', updatedAt: T1 });
    });
  });

  it('SetAccessKeyDescription: same text → no events; 256 chars → IAM.0001; unknown key → IAM.0002', () => {
    given(WORLD).when(describeKey(AK1, '')).then([]);
    given(WORLD).when(describeKey(AK1, 'x'.repeat(256))).thenRefuses({ code: 'IAM.0001' });
    given(WORLD).when(describeKey('ZZZZZZZZZZZZZZZZZZZZ', '')).thenRefuses({ code: 'IAM.0002' });
  });

  it('refusals: never contain the password hash', () => {
    expect(given(WORLD).when(update({ name: '', passwordHash: HASH })).thenRefuses({ code: 'IAM.0001' }).message).not.toContain(HASH);
  });
});

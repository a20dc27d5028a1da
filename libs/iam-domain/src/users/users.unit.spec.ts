import { evolve } from '../index.js';
import { decide } from '../index.js';
import { AK1, AK_ADMIN, HASH, WRAPPED, domainCreated, given, refusal, userCreated } from '../account.fixtures.spec.js';
import { listGroupsOfUser } from '../index.js';
import { domainOfAccessKey, domainOfUser, emptyDirectory, evolveDirectory } from '../index.js';
import { ADMIN_ID, DOMAIN_ID, GROUP_ID, T0, USER2_ID, USER_ID, activeOf, run, world } from '../iam.fixtures.spec.js';
import { findAccessKey, findUser, listAccessKeys } from '../index.js';

const T1 = Date.parse('2026-11-28T11:00:00.000Z');
const NEW_HASH = 'scrypt$N=16384$salt2$hash2';
const update = (extra: object) => ({ type: 'UpdateUser', actorId: ADMIN_ID, userId: USER_ID, now: T1, ...extra }) as const;

describe('decide: CreateUser description', () => {
  it('CreateUser: description of 255 chars → carried by UserCreated; 256 → IAM.0001', () => {
    const create = (description: string) =>
      ({ type: 'CreateUser', userId: USER2_ID, name: 'carol', passwordHash: null, isDomainAdmin: false, description, now: T0 }) as const;
    expect(decide(given(domainCreated), create('d'.repeat(255)))[0]).toMatchObject({ description: 'd'.repeat(255) });
    expect(refusal(() => decide(given(domainCreated), create('d'.repeat(256))))).toMatchObject({
      code: 'IAM.0001', message: 'description must be at most 255 characters (got 256)',
    });
  });

  it('UserCreated: written without a description (older stream) → user description ""', () => {
    expect(activeOf(given(domainCreated, userCreated)).users[USER_ID]?.description).toBe('');
  });
});

describe('decide: UpdateUser', () => {
  it('UpdateUser: name and description → one UserUpdated with both values after the change', () => {
    expect(decide(world(), update({ name: 'alice2', description: 'ops lead' }))).toEqual([
      { type: 'UserUpdated', userId: USER_ID, name: 'alice2', description: 'ops lead', at: T1 },
    ]);
  });

  it('UpdateUser: password hash → UserPasswordChanged (its own event); folded → new hash', () => {
    const events = decide(world(), update({ passwordHash: NEW_HASH }));
    expect(events).toEqual([{ type: 'UserPasswordChanged', userId: USER_ID, passwordHash: NEW_HASH, at: T1 }]);
    expect(findUser(events.reduce(evolve, world()), USER_ID)).toMatchObject({ passwordHash: NEW_HASH, updatedAt: T1 });
  });

  it('UpdateUser: enabled false then true → UserDisabled / UserEnabled', () => {
    expect(decide(world(), update({ enabled: false }))).toEqual([{ type: 'UserDisabled', userId: USER_ID, at: T1 }]);
    const disabled = run(world(), update({ enabled: false }));
    expect(decide(disabled, update({ enabled: true }))).toEqual([{ type: 'UserEnabled', userId: USER_ID, at: T1 }]);
  });

  it('UpdateUser: every field at once → events in order name/description, password, enabled', () => {
    expect(decide(world(), update({ name: 'al', description: 'x', passwordHash: NEW_HASH, enabled: false })).map((e) => e.type)).toEqual([
      'UserUpdated', 'UserPasswordChanged', 'UserDisabled',
    ]);
  });

  it('UpdateUser: nothing changes → no events', () => {
    expect(decide(world(), update({ name: 'alice', description: '', enabled: true }))).toEqual([]);
  });

  it('UpdateUser: name of another user → IAM.0003; own name → allowed', () => {
    expect(refusal(() => decide(world(), update({ name: 'bob' })))).toMatchObject({
      code: 'IAM.0003', message: `user name "bob" already exists in domain ${DOMAIN_ID}`,
    });
    expect(decide(world(), update({ name: 'alice', description: 'x' }))).toHaveLength(1);
  });

  it('UpdateUser: name of 65 chars or a leading digit → IAM.0001, nothing emitted', () => {
    expect(refusal(() => decide(world(), update({ name: 'a'.repeat(65), enabled: false })))).toMatchObject({
      code: 'IAM.0001', message: 'user name must be 1–64 characters (got 65)',
    });
    expect(refusal(() => decide(world(), update({ name: '9lives' }))).message).toBe('user name must not start with a digit (got "9lives")');
  });

  it('UpdateUser: empty password hash → IAM.0001 that does not echo a hash', () => {
    const err = refusal(() => decide(world(), update({ passwordHash: '' })));
    expect(err).toMatchObject({ code: 'IAM.0001', message: 'passwordHash must be a non-empty string' });
  });

  it('UpdateUser: unknown user → IAM.0002', () => {
    expect(refusal(() => decide(world(), { type: 'UpdateUser', actorId: ADMIN_ID, userId: 'f'.repeat(32), name: 'x', now: T1 }))).toMatchObject({ code: 'IAM.0002' });
  });
});

describe('decide: DeleteUser', () => {
  it('DeleteUser: user with an access key → AccessKeyDeleted for each key, then UserDeleted', () => {
    expect(decide(world(), { type: 'DeleteUser', actorId: ADMIN_ID, userId: USER_ID, now: T1 })).toEqual([
      { type: 'AccessKeyDeleted', accessKey: AK1, at: T1 },
      { type: 'UserDeleted', userId: USER_ID, at: T1 },
    ]);
  });

  it('DeleteUser: folded → user, its keys and its memberships gone', () => {
    const state = run(world(), { type: 'DeleteUser', actorId: ADMIN_ID, userId: USER_ID, now: T1 });
    expect(findUser(state, USER_ID)).toBeNull();
    expect(findAccessKey(state, AK1)).toBeNull();
    expect(listGroupsOfUser(state, USER_ID)).toEqual([]);
    expect(activeOf(state).groups[GROUP_ID]?.members).toEqual([]);
  });

  it('DeleteUser: the domain administrator → IAM.0001, nothing emitted', () => {
    expect(refusal(() => decide(world(), { type: 'DeleteUser', actorId: ADMIN_ID, userId: ADMIN_ID, now: T1 }))).toMatchObject({
      code: 'IAM.0001', message: `user ${ADMIN_ID} is the domain administrator and cannot be deleted`,
    });
  });

  it('DeleteUser: unknown user → IAM.0002', () => {
    expect(refusal(() => decide(world(), { type: 'DeleteUser', actorId: ADMIN_ID, userId: 'f'.repeat(32), now: T1 }))).toMatchObject({ code: 'IAM.0002' });
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
    const state = given(...setup);
    const dir = [...setup, ...decide(state, { type: 'DeleteUser', actorId: ADMIN_ID, userId: USER_ID, now: T1 })].reduce(evolveDirectory, emptyDirectory());
    expect(domainOfUser(dir, USER_ID)).toBeNull();
    expect(domainOfAccessKey(dir, AK1)).toBeNull();
  });
});

describe('decide: SetAccessKeyDescription', () => {
  it('SetAccessKeyDescription: new text → AccessKeyDescriptionChanged; folded → listed with it', () => {
    const events = decide(world(), { type: 'SetAccessKeyDescription', actorId: ADMIN_ID, accessKey: AK1, description: 'ci', now: T1 });
    expect(events).toEqual([{ type: 'AccessKeyDescriptionChanged', accessKey: AK1, description: 'ci', at: T1 }]);
    expect(listAccessKeys(events.reduce(evolve, world()), USER_ID)[0]).toMatchObject({ description: 'ci', updatedAt: T1 });
  });

  it('SetAccessKeyDescription: same text → no events; 256 chars → IAM.0001; unknown key → IAM.0002', () => {
    expect(decide(world(), { type: 'SetAccessKeyDescription', actorId: ADMIN_ID, accessKey: AK1, description: '', now: T1 })).toEqual([]);
    expect(refusal(() => decide(world(), { type: 'SetAccessKeyDescription', actorId: ADMIN_ID, accessKey: AK1, description: 'x'.repeat(256), now: T1 }))).toMatchObject({ code: 'IAM.0001' });
    expect(refusal(() => decide(world(), { type: 'SetAccessKeyDescription', actorId: ADMIN_ID, accessKey: 'ZZZZZZZZZZZZZZZZZZZZ', description: '', now: T1 }))).toMatchObject({ code: 'IAM.0002' });
  });

  it('refusals: never contain the password hash', () => {
    expect(refusal(() => decide(world(), update({ name: '', passwordHash: HASH }))).message).not.toContain(HASH);
  });
});

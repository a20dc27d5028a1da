import { decide, type CreateAccessKey } from '../index.js';
import { ADMIN_ID, AK1, AK2, AK3, T0, T1, USER_ID, WRAPPED, akCreated, domainCreated, given, refusal, userCreated } from '../account.fixtures.spec.js';

const create = (accessKey: string, extra: Partial<CreateAccessKey> = {}): CreateAccessKey =>
  ({ type: 'CreateAccessKey', actorId: ADMIN_ID, accessKey, userId: USER_ID, wrappedSecret: WRAPPED, now: T0, ...extra });
const withUser = given(domainCreated, userCreated);

describe('decide: CreateAccessKey', () => {
  it('CreateAccessKey: enabled user, first key → AccessKeyCreated with empty description', () => {
    expect(decide(withUser, create(AK1))).toEqual([akCreated(AK1)]);
  });

  it('CreateAccessKey: second key (just inside the limit) → created', () => {
    expect(decide(given(domainCreated, userCreated, akCreated(AK1)), create(AK2))).toEqual([akCreated(AK2)]);
  });

  it('CreateAccessKey: third key (just outside the limit) → IAM.0004 naming the user and the limit', () => {
    const state = given(domainCreated, userCreated, akCreated(AK1), akCreated(AK2));
    expect(refusal(() => decide(state, create(AK3)))).toMatchObject({
      code: 'IAM.0004', status: 400, message: `user ${USER_ID} already has 2 access keys (limit 2)`,
    });
  });

  it('CreateAccessKey: inactive keys count toward the quota; a deleted one frees a place', () => {
    const state = given(domainCreated, userCreated, akCreated(AK1), akCreated(AK2), { type: 'AccessKeyStatusChanged', accessKey: AK1, status: 'inactive', at: T1 });
    expect(refusal(() => decide(state, create(AK3)))).toMatchObject({ code: 'IAM.0004' });
    const freed = given(domainCreated, userCreated, akCreated(AK1), akCreated(AK2), { type: 'AccessKeyDeleted', accessKey: AK1, at: T1 });
    expect(decide(freed, create(AK3))).toHaveLength(1);
  });

  it('CreateAccessKey: disabled user → IAM.0001', () => {
    const state = given(domainCreated, userCreated, { type: 'UserDisabled', userId: USER_ID, at: T1 });
    expect(refusal(() => decide(state, create(AK1)))).toMatchObject({ code: 'IAM.0001', message: `user ${USER_ID} is disabled` });
  });

  it('CreateAccessKey: unknown user → IAM.0002', () => {
    expect(refusal(() => decide(given(domainCreated), create(AK1)))).toMatchObject({ code: 'IAM.0002' });
  });

  it('CreateAccessKey: access key already exists → IAM.0003', () => {
    expect(refusal(() => decide(given(domainCreated, userCreated, akCreated(AK1)), create(AK1)))).toMatchObject({ code: 'IAM.0003' });
  });

  it('CreateAccessKey: key not 20 upper-case alphanumerics → IAM.0001 giving the length, not the value', () => {
    const sk = 'abcdefghijklmnopqrstuvwxyz0123456789ABCD';
    const err = refusal(() => decide(withUser, create(sk)));
    expect(err).toMatchObject({ code: 'IAM.0001', message: 'access key must be 20 upper-case letters or digits (got 40 characters)' });
    expect(refusal(() => decide(withUser, create(AK1.toLowerCase())))).toMatchObject({ code: 'IAM.0001' });
    expect(refusal(() => decide(withUser, create(AK1.slice(1))))).toMatchObject({ code: 'IAM.0001' });
  });

  it('CreateAccessKey: description of 255 chars → created; 256 → IAM.0001', () => {
    expect(decide(withUser, create(AK1, { description: 'd'.repeat(255) }))[0]).toMatchObject({ description: 'd'.repeat(255) });
    expect(refusal(() => decide(withUser, create(AK1, { description: 'd'.repeat(256) })))).toMatchObject({
      code: 'IAM.0001', message: 'description must be at most 255 characters (got 256)',
    });
  });

  it('CreateAccessKey: empty wrapped secret → IAM.0001', () => {
    expect(refusal(() => decide(withUser, create(AK1, { wrappedSecret: '' })))).toMatchObject({
      code: 'IAM.0001', message: 'wrappedSecret must be a non-empty string',
    });
  });
});

describe('decide: SetAccessKeyStatus / DeleteAccessKey', () => {
  const withKey = given(domainCreated, userCreated, akCreated(AK1));

  it('SetAccessKeyStatus: active → inactive → AccessKeyStatusChanged', () => {
    expect(decide(withKey, { type: 'SetAccessKeyStatus', actorId: ADMIN_ID, accessKey: AK1, status: 'inactive', now: T1 })).toEqual([
      { type: 'AccessKeyStatusChanged', accessKey: AK1, status: 'inactive', at: T1 },
    ]);
  });

  it('SetAccessKeyStatus: same status → no events', () => {
    expect(decide(withKey, { type: 'SetAccessKeyStatus', actorId: ADMIN_ID, accessKey: AK1, status: 'active', now: T1 })).toEqual([]);
  });

  it('SetAccessKeyStatus: unknown key → IAM.0002; bad status → IAM.0001', () => {
    expect(refusal(() => decide(withKey, { type: 'SetAccessKeyStatus', actorId: ADMIN_ID, accessKey: AK2, status: 'inactive', now: T1 }))).toMatchObject({
      code: 'IAM.0002', message: `access key ${AK2} does not exist`,
    });
    const bad = { type: 'SetAccessKeyStatus', actorId: ADMIN_ID, accessKey: AK1, status: 'frozen', now: T1 } as unknown as Parameters<typeof decide>[1];
    expect(refusal(() => decide(withKey, bad))).toMatchObject({ code: 'IAM.0001', message: 'status must be "active" or "inactive" (got "frozen")' });
  });

  it('DeleteAccessKey: existing key → AccessKeyDeleted; unknown key → IAM.0002', () => {
    expect(decide(withKey, { type: 'DeleteAccessKey', actorId: ADMIN_ID, accessKey: AK1, now: T1 })).toEqual([{ type: 'AccessKeyDeleted', accessKey: AK1, at: T1 }]);
    expect(refusal(() => decide(withKey, { type: 'DeleteAccessKey', actorId: ADMIN_ID, accessKey: AK2, now: T1 }))).toMatchObject({ code: 'IAM.0002' });
  });

  it('DeleteAccessKey: inherited property name as key → IAM.0001, never a lookup on the prototype', () => {
    expect(refusal(() => decide(withKey, { type: 'DeleteAccessKey', actorId: ADMIN_ID, accessKey: 'constructor', now: T1 }))).toMatchObject({ code: 'IAM.0001' });
  });
});

import type { AccountCommand, CreateAccessKey } from '../index.js';
import { ADMIN_ID, AK1, AK2, AK3, T0, T1, USER_ID, WRAPPED, akCreated, domainCreated, exactly, given, userCreated } from '../account.fixtures.spec.js';

const create = (accessKey: string, extra: Partial<CreateAccessKey> = {}): CreateAccessKey =>
  ({ type: 'CreateAccessKey', actorId: ADMIN_ID, accessKey, userId: USER_ID, wrappedSecret: WRAPPED, now: T0, ...extra });
const withUser = [domainCreated, userCreated];
const withKey = [domainCreated, userCreated, akCreated(AK1)];
const withTwoKeys = [...withKey, akCreated(AK2)];

describe('decide: CreateAccessKey', () => {
  it('CreateAccessKey: enabled user, first key → AccessKeyCreated with empty description', () => {
    given(withUser).when(create(AK1)).then([akCreated(AK1)]);
  });

  it('CreateAccessKey: second key (just inside the limit) → created', () => {
    given(withKey).when(create(AK2)).then([akCreated(AK2)]);
  });

  it('CreateAccessKey: third key (just outside the limit) → IAM.0004 naming the user and the limit', () => {
    given(withTwoKeys).when(create(AK3)).thenRefuses({
      code: 'IAM.0004', status: 400, message: exactly(`user ${USER_ID} already has 2 access keys (limit 2)`),
    });
  });

  it('CreateAccessKey: inactive keys count toward the quota; a deleted one frees a place', () => {
    given([...withTwoKeys, { type: 'AccessKeyStatusChanged', accessKey: AK1, status: 'inactive', at: T1 }]).when(create(AK3)).thenRefuses({ code: 'IAM.0004' });
    given([...withTwoKeys, { type: 'AccessKeyDeleted', accessKey: AK1, at: T1 }])
      .when(create(AK3))
      .thenSucceeds((events) => expect(events).toHaveLength(1));
  });

  it('CreateAccessKey: disabled user → IAM.0001', () => {
    given([...withUser, { type: 'UserDisabled', userId: USER_ID, at: T1 }]).when(create(AK1)).thenRefuses({ code: 'IAM.0001', message: exactly(`user ${USER_ID} is disabled`) });
  });

  it('CreateAccessKey: unknown user → IAM.0002', () => {
    given([domainCreated]).when(create(AK1)).thenRefuses({ code: 'IAM.0002' });
  });

  it('CreateAccessKey: access key already exists → IAM.0003', () => {
    given(withKey).when(create(AK1)).thenRefuses({ code: 'IAM.0003' });
  });

  it('CreateAccessKey: key not 20 upper-case alphanumerics → IAM.0001 giving the length, not the value', () => {
    const sk = 'abcdefghijklmnopqrstuvwxyz0123456789ABCD';
    given(withUser).when(create(sk)).thenRefuses({ code: 'IAM.0001', message: exactly('access key must be 20 upper-case letters or digits (got 40 characters)') });
    given(withUser).when(create(AK1.toLowerCase())).thenRefuses({ code: 'IAM.0001' });
    given(withUser).when(create(AK1.slice(1))).thenRefuses({ code: 'IAM.0001' });
  });

  it('CreateAccessKey: description of 255 chars → created; 256 → IAM.0001', () => {
    given(withUser)
      .when(create(AK1, { description: 'd'.repeat(255) }))
      .thenSucceeds((events) => expect(events[0]).toMatchObject({ description: 'd'.repeat(255) }));
    given(withUser).when(create(AK1, { description: 'd'.repeat(256) })).thenRefuses({
      code: 'IAM.0001', message: exactly('description must be at most 255 characters (got 256)'),
    });
  });

  it('CreateAccessKey: empty wrapped secret → IAM.0001', () => {
    given(withUser).when(create(AK1, { wrappedSecret: '' })).thenRefuses({ code: 'IAM.0001', message: exactly('wrappedSecret must be a non-empty string') });
  });
});

describe('decide: SetAccessKeyStatus / DeleteAccessKey', () => {
  const setStatus = (accessKey: string, status: 'active' | 'inactive') => ({ type: 'SetAccessKeyStatus', actorId: ADMIN_ID, accessKey, status, now: T1 }) as const;
  const remove = (accessKey: string) => ({ type: 'DeleteAccessKey', actorId: ADMIN_ID, accessKey, now: T1 }) as const;

  it('SetAccessKeyStatus: active → inactive → AccessKeyStatusChanged', () => {
    given(withKey).when(setStatus(AK1, 'inactive')).then([{ type: 'AccessKeyStatusChanged', accessKey: AK1, status: 'inactive', at: T1 }]);
  });

  it('SetAccessKeyStatus: same status → no events', () => {
    given(withKey).when(setStatus(AK1, 'active')).then([]);
  });

  it('SetAccessKeyStatus: unknown key → IAM.0002; bad status → IAM.0001', () => {
    given(withKey).when(setStatus(AK2, 'inactive')).thenRefuses({ code: 'IAM.0002', message: exactly(`access key ${AK2} does not exist`) });
    const bad = { type: 'SetAccessKeyStatus', actorId: ADMIN_ID, accessKey: AK1, status: 'frozen', now: T1 } as unknown as AccountCommand;
    given(withKey).when(bad).thenRefuses({ code: 'IAM.0001', message: exactly('status must be "active" or "inactive" (got "frozen")') });
  });

  it('DeleteAccessKey: existing key → AccessKeyDeleted; unknown key → IAM.0002', () => {
    given(withKey).when(remove(AK1)).then([{ type: 'AccessKeyDeleted', accessKey: AK1, at: T1 }]);
    given(withKey).when(remove(AK2)).thenRefuses({ code: 'IAM.0002' });
  });

  it('DeleteAccessKey: inherited property name as key → IAM.0001, never a lookup on the prototype', () => {
    given(withKey).when(remove('constructor')).thenRefuses({ code: 'IAM.0001' });
  });
});

import { accountDecider, initialAccount } from './index.js';
import { ADMIN_ID, AK1, DOMAIN_ID, PROJECT_ID, T0, T1, USER_ID, WRAPPED, akCreated, bootstrap, domainCreated, exactly, given, userCreated } from './account.fixtures.spec.js';
import { GROUP_ID, POLICY_ID } from './iam.fixtures.spec.js';

const groupCreated = { type: 'GroupCreated', groupId: GROUP_ID, domainId: DOMAIN_ID, name: 'ops', description: '', at: T0 } as const;

describe('accountDecider', () => {
  it('initialState: → Absent, as initialAccount', () => {
    expect(accountDecider.initialState).toEqual(initialAccount());
  });

  it('domains: CreateProject in a new domain → ProjectCreated', () => {
    given([domainCreated])
      .when({ type: 'CreateProject', projectId: PROJECT_ID, name: 'dew-local', now: T1 })
      .then([{ type: 'ProjectCreated', projectId: PROJECT_ID, domainId: DOMAIN_ID, name: 'dew-local', at: T1 }]);
  });

  it('domains: any command before the domain exists → IAM.0002', () => {
    given([]).when({ type: 'CreateProject', projectId: PROJECT_ID, name: 'dew-local', now: T0 }).thenRefuses({ code: 'IAM.0002', status: 404, message: exactly('domain does not exist') });
  });

  it('bootstrap: on Absent → an active domain whose administrator holds one access key', () => {
    given([]).when(bootstrap).thenSucceeds((events, state) => {
      expect(events.map((e) => e.type)).toEqual(['DomainCreated', 'ProjectCreated', 'UserCreated', 'AccessKeyCreated']);
      expect(state.status === 'Active' && [...state.accessKeys.keys()]).toEqual([bootstrap.accessKey]);
    });
  });

  it('users: DisableUser of an enabled user → UserDisabled at the command instant', () => {
    given([domainCreated, userCreated])
      .when({ type: 'DisableUser', actorId: ADMIN_ID, userId: USER_ID, now: T1 })
      .then([{ type: 'UserDisabled', userId: USER_ID, at: T1 }]);
  });

  it('access keys: a second key of the same id → IAM.0003', () => {
    given([domainCreated, userCreated, akCreated(AK1)])
      .when({ type: 'CreateAccessKey', actorId: ADMIN_ID, accessKey: AK1, userId: USER_ID, wrappedSecret: WRAPPED, now: T1 })
      .thenRefuses({ code: 'IAM.0003', status: 409, message: exactly(`access key ${AK1} already exists`) });
  });

  it('groups: AddUserToGroup of a member → no events (idempotent)', () => {
    given([domainCreated, userCreated, groupCreated, { type: 'UserAddedToGroup', groupId: GROUP_ID, userId: USER_ID, at: T0 }])
      .when({ type: 'AddUserToGroup', groupId: GROUP_ID, userId: USER_ID, now: T1 })
      .then([]);
  });

  it('policies: DetachPolicy of a policy not attached → IAM.0002 naming the scope', () => {
    given([domainCreated, groupCreated])
      .when({ type: 'DetachPolicy', groupId: GROUP_ID, policyId: POLICY_ID, scope: { kind: 'domain' }, now: T1 })
      .thenRefuses({ code: 'IAM.0002', message: exactly(`policy "${POLICY_ID}" is not attached to group ${GROUP_ID} at domain level`) });
  });
});

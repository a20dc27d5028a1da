import type { AttachmentScope } from '../index.js';
import { evolve, initialAccount } from '../index.js';
import { authorize, effectivePolicies } from './authorization.js';
import { keyResourceUrn } from './evaluate.js';
import {
  ADMIN_ID,
  DOMAIN_ID,
  GROUP2_ID,
  GROUP_ID,
  POLICY_ID,
  PROJECT2_ID,
  PROJECT_ID,
  T0,
  USER2_ID,
  USER_ID,
  activeOf,
  createPolicy,
  deny,
  run,
  world,
} from '../iam.fixtures.spec.js';
import { SYSTEM_POLICY_IDS } from '../index.js';

const KMS_ADMIN = SYSTEM_POLICY_IDS.kmsAdministrator;
const attach = (policyId: string, scope: AttachmentScope, groupId = GROUP_ID) => ({ type: 'AttachPolicy', groupId, policyId, scope, now: T0 }) as const;
const inProject = (projectId = PROJECT_ID): AttachmentScope => ({ kind: 'project', projectId });
const alice = (action: string, projectId?: string, resource?: string) => ({
  userId: USER_ID,
  action,
  ...(projectId === undefined ? {} : { projectId }),
  ...(resource === undefined ? {} : { resource }),
});

describe('authorize', () => {
  it('authorize: domain administrator → Allow without any policy, in any project and globally', () => {
    expect(authorize(world(), { userId: ADMIN_ID, action: 'kms:cmk:create', projectId: PROJECT_ID })).toEqual({
      decision: 'Allow', reason: `user ${ADMIN_ID} is the domain administrator`,
    });
    expect(authorize(world(), { userId: ADMIN_ID, action: 'iam:users:create' }).decision).toBe('Allow');
  });

  it('authorize: member of a group without policies → NoAllow naming the action', () => {
    expect(authorize(world(), alice('kms:cmk:create', PROJECT_ID))).toEqual({ decision: 'NoAllow', reason: 'no policy allows kms:cmk:create' });
  });

  it('authorize: project attachment → allowed in that project only, not in another, not globally', () => {
    const state = run(world(), attach(KMS_ADMIN, inProject()));
    expect(authorize(state, alice('kms:cmk:create', PROJECT_ID))).toEqual({
      decision: 'Allow', reason: `policy "KMS Administrator" (${KMS_ADMIN}) allows kms:cmk:create`,
    });
    expect(authorize(state, alice('kms:cmk:create', PROJECT2_ID)).decision).toBe('NoAllow');
    expect(authorize(state, alice('kms:cmk:create')).decision).toBe('NoAllow');
    expect(authorize(state, alice('kps:domainKeypairs:list', PROJECT_ID)).decision).toBe('NoAllow');
  });

  it('authorize: all-projects attachment → allowed in every project of the domain, not globally', () => {
    const state = run(world(), attach(SYSTEM_POLICY_IDS.keypairReadOnlyAccess, { kind: 'all-projects' }));
    expect(authorize(state, alice('kps:domainKeypairs:list', PROJECT_ID)).decision).toBe('Allow');
    expect(authorize(state, alice('kps:domainKeypairs:list', PROJECT2_ID)).decision).toBe('Allow');
    expect(authorize(state, alice('kps:domainKeypairs:create', PROJECT2_ID)).decision).toBe('NoAllow');
    expect(authorize(state, alice('kps:domainKeypairs:list')).decision).toBe('NoAllow');
  });

  it('authorize: domain attachment → global requests (no project) only', () => {
    const iamRead = createPolicy({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['iam:users:list'] }] }, { policyType: 'AX' });
    const state = run(world(), iamRead, attach(POLICY_ID, { kind: 'domain' }));
    expect(authorize(state, alice('iam:users:list')).decision).toBe('Allow');
    expect(authorize(state, alice('iam:users:list', PROJECT_ID)).decision).toBe('NoAllow');
  });

  it('authorize: the Huawei user-guide example of a custom Deny kms:cmkTag:delete beside KMS Administrator → ExplicitDeny for that action only', () => {
    const state = run(
      world(),
      createPolicy(deny('kms:cmkTag:delete'), { displayName: 'no tag deletion' }),
      attach(KMS_ADMIN, inProject()),
      attach(POLICY_ID, inProject()),
    );
    expect(authorize(state, alice('kms:cmkTag:delete', PROJECT_ID))).toEqual({
      decision: 'ExplicitDeny', reason: `policy "no tag deletion" (${POLICY_ID}) denies kms:cmkTag:delete`,
    });
    expect(authorize(state, alice('kms:cmkTag:create', PROJECT_ID)).decision).toBe('Allow');
    expect(authorize(state, alice('kms:cmk:create', PROJECT_ID)).decision).toBe('Allow');
  });

  it('authorize: Deny through another group of the user still beats the Allow', () => {
    const state = run(
      world(),
      { type: 'CreateGroup', groupId: GROUP2_ID, name: 'restricted', now: T0 },
      { type: 'AddUserToGroup', groupId: GROUP2_ID, userId: USER_ID, now: T0 },
      createPolicy(deny('kms:cmk:*')),
      attach(KMS_ADMIN, { kind: 'all-projects' }),
      attach(POLICY_ID, inProject(), GROUP2_ID),
    );
    expect(authorize(state, alice('kms:cmk:create', PROJECT_ID)).decision).toBe('ExplicitDeny');
    expect(authorize(state, alice('kms:cmk:create', PROJECT2_ID)).decision).toBe('Allow');
  });

  it('authorize: resource-restricted custom Allow → that key only', () => {
    const key = '0d0466b0-e727-4d9c-b35d-f84bb474a37f';
    const onKey = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:get'], Resource: [`KMS:*:*:KeyId:${key}`] }] };
    const state = run(world(), createPolicy(onKey), attach(POLICY_ID, inProject()));
    expect(authorize(state, alice('kms:cmk:get', PROJECT_ID, keyResourceUrn('dew-local', DOMAIN_ID, key))).decision).toBe('Allow');
    expect(authorize(state, alice('kms:cmk:get', PROJECT_ID, keyResourceUrn('dew-local', DOMAIN_ID, 'other'))).decision).toBe('NoAllow');
    expect(authorize(state, alice('kms:cmk:get', PROJECT_ID)).decision).toBe('NoAllow');
  });

  it('authorize: user removed from the group → NoAllow', () => {
    const state = run(world(), attach(KMS_ADMIN, inProject()), { type: 'RemoveUserFromGroup', groupId: GROUP_ID, userId: USER_ID, now: T0 });
    expect(authorize(state, alice('kms:cmk:create', PROJECT_ID))).toEqual({ decision: 'NoAllow', reason: 'no policy allows kms:cmk:create' });
  });

  it('authorize: policy detached or group deleted → NoAllow', () => {
    const attached = run(world(), attach(KMS_ADMIN, inProject()));
    const detached = run(attached, { type: 'DetachPolicy', groupId: GROUP_ID, policyId: KMS_ADMIN, scope: inProject(), now: T0 });
    expect(authorize(detached, alice('kms:cmk:create', PROJECT_ID)).decision).toBe('NoAllow');
    const deleted = run(attached, { type: 'DeleteGroup', groupId: GROUP_ID, now: T0 });
    expect(authorize(deleted, alice('kms:cmk:create', PROJECT_ID)).decision).toBe('NoAllow');
  });

  it('authorize: disabled user (even with policies) → NoAllow; an administrator disabled in older history too', () => {
    const state = run(world(), attach(KMS_ADMIN, inProject()), { type: 'DisableUser', actorId: ADMIN_ID, userId: USER_ID, now: T0 });
    expect(authorize(state, alice('kms:cmk:create', PROJECT_ID))).toEqual({ decision: 'NoAllow', reason: `user ${USER_ID} is disabled` });
    // No command disables an administrator any more; a stream written before that rule may hold the event.
    const admin = evolve(world(), { type: 'UserDisabled', userId: ADMIN_ID, at: T0 });
    expect(authorize(admin, { userId: ADMIN_ID, action: 'kms:cmk:create', projectId: PROJECT_ID }).decision).toBe('NoAllow');
  });

  it('authorize: unknown user, absent domain, project of another domain → NoAllow', () => {
    expect(authorize(world(), { userId: 'f'.repeat(32), action: 'kms:cmk:get', projectId: PROJECT_ID }).decision).toBe('NoAllow');
    expect(authorize(initialAccount(), { userId: USER_ID, action: 'kms:cmk:get' })).toEqual({ decision: 'NoAllow', reason: 'domain does not exist' });
    const state = run(world(), attach(KMS_ADMIN, { kind: 'all-projects' }));
    expect(authorize(state, alice('kms:cmk:get', '9'.repeat(32)))).toEqual({
      decision: 'NoAllow', reason: `project ${'9'.repeat(32)} is not in domain ${DOMAIN_ID}`,
    });
  });

  it('effectivePolicies: a policy reached through two groups and scopes → listed once, sorted by display name', () => {
    const state = run(
      world(),
      { type: 'CreateGroup', groupId: GROUP2_ID, name: 'dev', now: T0 },
      { type: 'AddUserToGroup', groupId: GROUP2_ID, userId: USER_ID, now: T0 },
      { type: 'AddUserToGroup', groupId: GROUP2_ID, userId: USER2_ID, now: T0 },
      attach(KMS_ADMIN, inProject()),
      attach(KMS_ADMIN, { kind: 'all-projects' }, GROUP2_ID),
      attach(SYSTEM_POLICY_IDS.csmsReadOnlyAccess, inProject(), GROUP2_ID),
    );
    expect(effectivePolicies(activeOf(state), USER_ID, PROJECT_ID).map((p) => p.displayName)).toEqual(['CSMS ReadOnlyAccess', 'KMS Administrator']);
    expect(effectivePolicies(activeOf(state), USER_ID).map((p) => p.displayName)).toEqual([]);
  });
});

describe('system policies through authorize: CSMS and CTS read-only', () => {
  const withPolicy = (policyId: string) => run(world(), attach(policyId, inProject()));

  it('CSMS ReadOnlyAccess: reads (get, list, versions, stages, events; v5 names too) and the decrypt-datakey they depend on → Allow; writes → NoAllow', () => {
    const state = withPolicy(SYSTEM_POLICY_IDS.csmsReadOnlyAccess);
    for (const action of ['kms:cmk:decryptDataKey', 'csms:secret:get', 'csms:secret:list', 'csms:secret:getVersion', 'csms:secret:listVersion', 'csms:secretVersion:get', 'csms:secretVersion:list', 'csms:event:get', 'csms::getEvent', 'csms:secretTag:list']) {
      expect([action, authorize(state, alice(action, PROJECT_ID)).decision]).toEqual([action, 'Allow']);
    }
    for (const action of ['csms:secret:create', 'csms:secret:update', 'csms:secret:delete', 'csms:secret:createVersion', 'csms:secretVersion:create', 'csms:secret:updateVersion', 'csms:secret:updateStage', 'csms:secret:scheduleDeletion', 'csms:secret:restoreSecret', 'csms:secret:rotate', 'csms:event:create', 'csms::createEvent', 'kms:cmk:list', 'kms:cmk:createDataKey', 'kms:cmk:encryptDataKey', 'kms:cmk:decryptData']) {
      expect([action, authorize(state, alice(action, PROJECT_ID)).decision]).toEqual([action, 'NoAllow']);
    }
  });

  it('CSMS FullAccess: every CSMS action and the KMS data-key actions secrets depend on → Allow; other KMS actions → NoAllow', () => {
    const state = withPolicy(SYSTEM_POLICY_IDS.csmsFullAccess);
    for (const action of ['csms:secret:delete', 'csms::createEvent', 'kms:cmk:createDataKey', 'kms:cmk:decryptDataKey', 'kms:cmk:list']) {
      expect([action, authorize(state, alice(action, PROJECT_ID)).decision]).toEqual([action, 'Allow']);
    }
    for (const action of ['kms:cmk:create', 'kms:cmk:decryptData', 'kms:cmk:encryptData', 'kms:grant:create']) {
      expect([action, authorize(state, alice(action, PROJECT_ID)).decision]).toEqual([action, 'NoAllow']);
    }
  });

  it('CTS ReadOnlyAccess: cts:trace:list → Allow; cts:tracker:create → NoAllow', () => {
    const state = withPolicy(SYSTEM_POLICY_IDS.ctsReadOnlyAccess);
    expect(authorize(state, alice('cts:trace:list', PROJECT_ID)).decision).toBe('Allow');
    expect(authorize(state, alice('cts:tracker:create', PROJECT_ID)).decision).toBe('NoAllow');
  });
});

import { AK1, DOMAIN_ID, T1, USER_ID, WRAPPED, stateAfter } from '../account.fixtures.spec.js';
import { GROUP_ID, POLICY_ID, USER2_ID, WORLD, activeOf, allow } from '../iam.fixtures.spec.js';
import {
  domainOfAccessKey,
  emptyDirectory,
  evolveDirectory,
  findAccessKey,
  findUserByName,
  listAccessKeys,
  listGroupMembers,
  listGroupsOfUser,
  type AccountEvent,
  type Directory,
} from '../index.js';
import { authorize } from '../authorization/authorization.js';

/**
 * Security review of the indexed account state: what the authenticator (findAccessKey, directory)
 * and the decider (authorize) see after a removal must not remember the removed thing.
 */

const ACTION = 'kms:cmk:create';
const OTHER_DOMAIN = 'fedcba9876543210fedcba9876543210';
const domainScope = { kind: 'domain' } as const;

/** WORLD plus a policy allowing ACTION held by group ops (alice is a member) at domain level. */
const GRANTED: readonly AccountEvent[] = [
  ...WORLD,
  { type: 'PolicyCreated', policyId: POLICY_ID, domainId: DOMAIN_ID, displayName: 'p', policyType: 'AX', description: '', document: allow(ACTION), at: T1 },
  { type: 'PolicyAttached', groupId: GROUP_ID, policyId: POLICY_ID, scope: domainScope, at: T1 },
];

const decisionFor = (userId: string, ...after: readonly AccountEvent[]) => authorize(stateAfter(...GRANTED, ...after), { userId, action: ACTION }).decision;
const directoryOf = (events: readonly AccountEvent[]): Directory => events.reduce(evolveDirectory, emptyDirectory());

describe('stale indexes after removals', () => {
  it('alice holds the action through group ops before any removal (baseline)', () => {
    expect(decisionFor(USER_ID)).toBe('Allow');
    expect(findAccessKey(stateAfter(...GRANTED), AK1)?.usable).toBe(true);
  });

  it('a deleted access key resolves in neither the directory nor the account', () => {
    const deleted: AccountEvent = { type: 'AccessKeyDeleted', accessKey: AK1, at: T1 };
    expect(domainOfAccessKey(directoryOf([...GRANTED, deleted]), AK1)).toBeNull();
    expect(findAccessKey(stateAfter(...GRANTED, deleted), AK1)).toBeNull();
    expect(listAccessKeys(stateAfter(...GRANTED, deleted), USER_ID)).toEqual([]);
  });

  it('a deleted user leaves no key, no name, no membership and no right', () => {
    const gone: AccountEvent[] = [
      { type: 'AccessKeyDeleted', accessKey: AK1, at: T1 },
      { type: 'UserDeleted', userId: USER_ID, at: T1 },
    ];
    const state = stateAfter(...GRANTED, ...gone);
    expect(findAccessKey(state, AK1)).toBeNull();
    expect(domainOfAccessKey(directoryOf([...GRANTED, ...gone]), AK1)).toBeNull();
    expect(findUserByName(state, 'alice')).toBeNull();
    expect(listGroupMembers(state, GROUP_ID)).toEqual([]);
    expect(activeOf(state).groupsByUser.has(USER_ID)).toBe(false);
    expect(decisionFor(USER_ID, ...gone)).toBe('NoAllow');
  });

  it('a user deleted without its AccessKeyDeleted events still leaves its keys unusable in the account', () => {
    const state = stateAfter(...GRANTED, { type: 'UserDeleted', userId: USER_ID, at: T1 });
    expect(findAccessKey(state, AK1)).toBeNull();
    expect(activeOf(state).accessKeysByUser.has(USER_ID)).toBe(false);
  });

  it('a user re-created under the deleted one\'s name gets none of its groups, keys or rights', () => {
    const NEW_ID = 'e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1';
    const after: AccountEvent[] = [
      { type: 'AccessKeyDeleted', accessKey: AK1, at: T1 },
      { type: 'UserDeleted', userId: USER_ID, at: T1 },
      { type: 'UserCreated', userId: NEW_ID, domainId: DOMAIN_ID, name: 'alice', passwordHash: null, isDomainAdmin: false, enabled: true, at: T1 },
    ];
    const state = stateAfter(...GRANTED, ...after);
    expect(findUserByName(state, 'alice')?.id).toBe(NEW_ID);
    expect(listGroupsOfUser(state, NEW_ID)).toEqual([]);
    expect(listAccessKeys(state, NEW_ID)).toEqual([]);
    expect(decisionFor(NEW_ID, ...after)).toBe('NoAllow');
  });

  it('a user re-created under the same id gets none of the deleted one\'s groups, keys or rights', () => {
    const after: AccountEvent[] = [
      { type: 'UserDeleted', userId: USER_ID, at: T1 },
      { type: 'UserCreated', userId: USER_ID, domainId: DOMAIN_ID, name: 'alice2', passwordHash: null, isDomainAdmin: false, enabled: true, at: T1 },
    ];
    const state = stateAfter(...GRANTED, ...after);
    expect(listGroupsOfUser(state, USER_ID)).toEqual([]);
    expect(findAccessKey(state, AK1)).toBeNull();
    expect(findUserByName(state, 'alice')).toBeNull();
    expect(decisionFor(USER_ID, ...after)).toBe('NoAllow');
  });

  it('a disabled user or an inactive key does not sign, and the disabled user is refused', () => {
    const disabled: AccountEvent = { type: 'UserDisabled', userId: USER_ID, at: T1 };
    const inactive: AccountEvent = { type: 'AccessKeyStatusChanged', accessKey: AK1, status: 'inactive', at: T1 };
    expect(findAccessKey(stateAfter(...GRANTED, disabled), AK1)?.usable).toBe(false);
    expect(findAccessKey(stateAfter(...GRANTED, inactive), AK1)?.usable).toBe(false);
    expect(decisionFor(USER_ID, disabled)).toBe('NoAllow');
  });

  it('RemoveUserFromGroup ends the rights the group gave, on both sides of the membership', () => {
    const removed: AccountEvent = { type: 'UserRemovedFromGroup', groupId: GROUP_ID, userId: USER_ID, at: T1 };
    expect(listGroupsOfUser(stateAfter(...GRANTED, removed), USER_ID)).toEqual([]);
    expect(decisionFor(USER_ID, removed)).toBe('NoAllow');
  });

  it('DetachPolicy ends the right and leaves no attachment in any index', () => {
    const detached: AccountEvent = { type: 'PolicyDetached', groupId: GROUP_ID, policyId: POLICY_ID, scope: domainScope, at: T1 };
    const state = activeOf(stateAfter(...GRANTED, detached));
    expect(decisionFor(USER_ID, detached)).toBe('NoAllow');
    expect([state.attachments.size, state.attachmentsByGroup.size, state.attachmentsByPolicy.size]).toEqual([0, 0, 0]);
  });

  it('a deleted group leaves no membership and no attachment, also after a group of the same name is made', () => {
    const NEW_GROUP = 'c9c9c9c9c9c9c9c9c9c9c9c9c9c9c9c9';
    const after: AccountEvent[] = [
      { type: 'GroupDeleted', groupId: GROUP_ID, at: T1 },
      { type: 'GroupCreated', groupId: NEW_GROUP, domainId: DOMAIN_ID, name: 'ops', description: '', at: T1 },
    ];
    const state = activeOf(stateAfter(...GRANTED, ...after));
    expect(state.groupsByUser.has(USER_ID)).toBe(false);
    expect([state.attachments.size, state.attachmentsByGroup.size, state.attachmentsByPolicy.size]).toEqual([0, 0, 0]);
    expect(decisionFor(USER_ID, ...after)).toBe('NoAllow');
  });

  it('a group re-created under the deleted id starts with no members and no policies', () => {
    const after: AccountEvent[] = [
      { type: 'GroupDeleted', groupId: GROUP_ID, at: T1 },
      { type: 'GroupCreated', groupId: GROUP_ID, domainId: DOMAIN_ID, name: 'ops', description: '', at: T1 },
    ];
    expect(listGroupsOfUser(stateAfter(...GRANTED, ...after), USER_ID)).toEqual([]);
    expect(decisionFor(USER_ID, ...after)).toBe('NoAllow');
  });

  it('bob, never a member, gets nothing from alice\'s group', () => {
    expect(decisionFor(USER2_ID)).toBe('NoAllow');
  });
});

describe('directory across domains', () => {
  const other: AccountEvent[] = [
    { type: 'DomainCreated', domainId: OTHER_DOMAIN, name: 'other', at: T1 },
    { type: 'UserCreated', userId: 'f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1', domainId: OTHER_DOMAIN, name: 'alice', passwordHash: null, isDomainAdmin: false, enabled: true, at: T1 },
    { type: 'AccessKeyCreated', accessKey: 'AKOTHER0000000000001', userId: 'f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1', wrappedSecret: WRAPPED, description: '', at: T1 },
  ];

  it('a key resolves into its own user\'s domain even when both domains hold a user of the same name', () => {
    const dir = directoryOf([...GRANTED, ...other]);
    expect(domainOfAccessKey(dir, AK1)).toBe(DOMAIN_ID);
    expect(domainOfAccessKey(dir, 'AKOTHER0000000000001')).toBe(OTHER_DOMAIN);
  });

  it('the domain a key resolves into does not hold the other domain\'s key', () => {
    expect(findAccessKey(stateAfter(...GRANTED), 'AKOTHER0000000000001')).toBeNull();
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('an access key named %s resolves nowhere', (name) => {
    const dir = directoryOf([...GRANTED, ...other]);
    expect(domainOfAccessKey(dir, name)).toBeNull();
    expect(findAccessKey(stateAfter(...GRANTED), name)).toBeNull();
  });
});

import { jest } from '@jest/globals';
import { PersistentMap } from '@dew/decider';
import { T0, T1, WRAPPED, bootstrap, stateAfter } from '../account.fixtures.spec.js';
import { activeOf, allow, history } from '../iam.fixtures.spec.js';
import {
  decide,
  domainOfAccessKey,
  emptyDirectory,
  evolve,
  evolveDirectory,
  findAccessKey,
  findUserByName,
  inCreationOrder,
  listGroupMembers,
  memberIds,
  type AccountCommand,
  type AccountState,
  type AccountEvent,
  type ActiveAccount,
  type Directory,
} from '../index.js';
import { authorize } from '../authorization/authorization.js';

/** docs/architecture.md, "Event sourcing on JetStream": one event costs O(log n) in the account's size, not a copy of it. */

const id = (prefix: string, n: number): string => `${prefix}${n.toString(16).padStart(31, '0')}`;
const userId = (n: number) => id('b', n);
const groupId = (n: number) => id('c', n);
const policyId = (n: number) => id('d', n);
const accessKey = (n: number) => `AK${String(n).padStart(18, '0')}`;
const USERS = 1500;
const GROUPS = 60;

const userCreated = (n: number): AccountEvent => ({ type: 'UserCreated', userId: userId(n), domainId: bootstrap.domainId, name: `user-${n}`, passwordHash: null, isDomainAdmin: false, enabled: true, at: T0 });

/** An account of USERS users with an access key each, GROUPS groups each holding a policy and every GROUPS-th user. */
function bigAccount(): { events: readonly AccountEvent[]; state: ActiveAccount } {
  const past = history([], bootstrap);
  for (let n = 1; n <= USERS; n++) {
    past.push(userCreated(n), { type: 'AccessKeyCreated', accessKey: accessKey(n), userId: userId(n), wrappedSecret: WRAPPED, description: '', at: T0 });
  }
  for (let g = 1; g <= GROUPS; g++) {
    const document = allow(`kms:cmk:action${g}`);
    past.push(
      { type: 'GroupCreated', groupId: groupId(g), domainId: bootstrap.domainId, name: `group-${g}`, description: '', at: T0 },
      { type: 'PolicyCreated', policyId: policyId(g), domainId: bootstrap.domainId, displayName: `policy-${g}`, policyType: 'AX', description: '', document, at: T0 },
      { type: 'PolicyAttached', groupId: groupId(g), policyId: policyId(g), scope: { kind: 'domain' }, at: T0 },
    );
    for (let n = g; n <= USERS; n += GROUPS) past.push({ type: 'UserAddedToGroup', groupId: groupId(g), userId: userId(n), at: T0 });
  }
  return { events: past, state: activeOf(stateAfter(...past)) };
}

/** How often `fn` sets or deletes an entry of any PersistentMap, and how many entries it walks over. */
function mapWork(fn: () => void): { changes: number; walked: number } {
  const changes = (['set', 'delete'] as const).map((m) => jest.spyOn(PersistentMap.prototype, m));
  let walked = 0;
  const walks = (['entries', 'keys', 'values', 'forEach'] as const).map((m) => jest.spyOn(PersistentMap.prototype, m));
  try {
    fn();
    for (const w of walks) for (const result of w.mock.contexts) walked += (result as PersistentMap<unknown>).size;
    return { changes: changes.reduce((n, c) => n + c.mock.calls.length, 0), walked };
  } finally {
    for (const c of changes) c.mockRestore();
    for (const w of walks) w.mockRestore();
  }
}

const { events: HISTORY, state: BIG } = bigAccount();
const DIRECTORY: Directory = HISTORY.reduce(evolveDirectory, emptyDirectory());
/** Members of each group. */
const MEMBERS = USERS / GROUPS;
/**
 * Work that may not grow with the account: a few entries set or deleted (a deleted group: two per
 * member), only the touched user's or group's own maps walked; a copy of the account costs ≥ USERS.
 */
const SMALL = { changes: 2 * MEMBERS + 8, walked: MEMBERS + 2 };

describe('the IAM account as it grows', () => {
  it(`an account of ${USERS} users and ${GROUPS} groups holds them all, indexed by name, owner and membership`, () => {
    expect(BIG.users.size).toBe(USERS + 1);
    expect(BIG.accessKeys.size).toBe(USERS + 1);
    expect(BIG.userIdsByName.get('user-7')).toBe(userId(7));
    expect(BIG.accessKeysByUser.get(userId(7))?.has(accessKey(7))).toBe(true);
    expect(BIG.groupsByUser.get(userId(7))?.has(groupId(7))).toBe(true);
    expect(listGroupMembers(BIG, groupId(7)).map((u) => u.name).slice(0, 2)).toEqual(['user-7', `user-${7 + GROUPS}`]);
  });

  it.each<[string, AccountEvent]>([
    ['UserCreated', userCreated(USERS + 1)],
    ['UserUpdated (renamed)', { type: 'UserUpdated', userId: userId(9), name: 'renamed', description: '', at: T1 }],
    ['UserDisabled', { type: 'UserDisabled', userId: userId(9), at: T1 }],
    ['UserDeleted', { type: 'UserDeleted', userId: userId(9), at: T1 }],
    ['AccessKeyCreated', { type: 'AccessKeyCreated', accessKey: accessKey(USERS + 1), userId: userId(9), wrappedSecret: WRAPPED, description: '', at: T1 }],
    ['AccessKeyDeleted', { type: 'AccessKeyDeleted', accessKey: accessKey(9), at: T1 }],
    ['UserAddedToGroup', { type: 'UserAddedToGroup', groupId: groupId(1), userId: userId(2), at: T1 }],
    ['UserRemovedFromGroup', { type: 'UserRemovedFromGroup', groupId: groupId(9), userId: userId(9), at: T1 }],
    ['GroupDeleted', { type: 'GroupDeleted', groupId: groupId(9), at: T1 }],
    ['PolicyAttached', { type: 'PolicyAttached', groupId: groupId(1), policyId: policyId(2), scope: { kind: 'all-projects' }, at: T1 }],
    ['PolicyDetached', { type: 'PolicyDetached', groupId: groupId(1), policyId: policyId(1), scope: { kind: 'domain' }, at: T1 }],
  ])('one %s on the big account: a few map entries set or deleted, no whole map walked (no full copy per event)', (_, event) => {
    const work = mapWork(() => evolve(BIG, event));
    expect(work.changes).toBeGreaterThan(0);
    expect(work.changes).toBeLessThanOrEqual(SMALL.changes);
    expect(work.walked).toBeLessThanOrEqual(SMALL.walked);
    expect(mapWork(() => evolveDirectory(DIRECTORY, event)).walked).toBe(0);
  });

  it.each<[string, AccountCommand]>([
    ['CreateUser (name free?)', { type: 'CreateUser', userId: userId(USERS + 1), name: 'newcomer', passwordHash: null, isDomainAdmin: false, now: T1 }],
    ['CreateAccessKey (quota held?)', { type: 'CreateAccessKey', actorId: bootstrap.userId, accessKey: accessKey(USERS + 1), userId: userId(9), wrappedSecret: WRAPPED, now: T1 }],
    ['CreateGroup (name free?)', { type: 'CreateGroup', groupId: groupId(GROUPS + 1), name: 'newgroup', description: '', now: T1 }],
    ['DeleteUser (its keys?)', { type: 'DeleteUser', actorId: bootstrap.userId, userId: userId(9), now: T1 }],
  ])('decide %s on the big account walks no whole map', (_, command) => {
    expect(mapWork(() => decide(BIG, command)).walked).toBeLessThanOrEqual(SMALL.walked);
  });

  it('authentication and authorization on the big account are lookups: access key → user, name → user, user → groups → policies', () => {
    const work = mapWork(() => {
      expect(domainOfAccessKey(DIRECTORY, accessKey(9))).toBe(bootstrap.domainId);
      expect(findAccessKey(BIG, accessKey(9))?.user.name).toBe('user-9');
      expect(findUserByName(BIG, 'user-9')?.id).toBe(userId(9));
      expect(authorize(BIG, { userId: userId(9), action: 'kms:cmk:action9' }).decision).toBe('Allow');
    });
    expect(work.walked).toBeLessThanOrEqual(SMALL.walked);
  });

  it('one event leaves the state before it untouched: every other user is the same object in both', () => {
    const after = activeOf(evolve(BIG, { type: 'UserUpdated', userId: userId(9), name: 'renamed', description: 'changed', at: T1 }));
    expect(BIG.users.get(userId(9))?.name).toBe('user-9');
    expect(BIG.userIdsByName.get('user-9')).toBe(userId(9));
    expect(after.users.get(userId(9))?.name).toBe('renamed');
    expect(after.userIdsByName.has('user-9')).toBe(false);
    expect(after.userIdsByName.get('renamed')).toBe(userId(9));
    for (const [key, user] of BIG.users) if (key !== userId(9)) expect(after.users.get(key)).toBe(user);
  });

  it('a deleted user takes its access keys and memberships with it; a deleted group its attachments', () => {
    const gone = activeOf(evolve(evolve(BIG, { type: 'UserDeleted', userId: userId(9), at: T1 }), { type: 'GroupDeleted', groupId: groupId(10), at: T1 }));
    expect(gone.accessKeys.has(accessKey(9))).toBe(false);
    expect(gone.accessKeysByUser.has(userId(9))).toBe(false);
    expect(gone.groupsByUser.has(userId(9))).toBe(false);
    expect(gone.groups.get(groupId(9))?.members.has(userId(9))).toBe(false);
    expect(gone.userIdsByName.has('user-9')).toBe(false);
    expect(gone.attachmentsByGroup.has(groupId(10))).toBe(false);
    expect(gone.attachmentsByPolicy.has(policyId(10))).toBe(false);
    expect(gone.groupsByUser.get(userId(10))?.has(groupId(10))).toBe(undefined);
  });

  it('lists keep the order the records gave: groups in creation order after a rename, members in joining order after a rejoin', () => {
    const renamed = activeOf(evolve(BIG, { type: 'GroupUpdated', groupId: groupId(1), name: 'zz-renamed', description: '', at: T1 }));
    expect(inCreationOrder(renamed.groups.values()).slice(0, 3).map((g) => g.name)).toEqual(['zz-renamed', 'group-2', 'group-3']);
    const rejoined = [
      { type: 'UserRemovedFromGroup', groupId: groupId(1), userId: userId(1), at: T1 },
      { type: 'UserAddedToGroup', groupId: groupId(1), userId: userId(1), at: T1 },
    ] as const;
    const group = activeOf(rejoined.reduce<AccountState>(evolve, BIG)).groups.get(groupId(1));
    const ids = group ? memberIds(group) : [];
    expect(ids.slice(0, 1)).toEqual([userId(1 + GROUPS)]);
    expect(ids.at(-1)).toBe(userId(1));
    expect(ids).toHaveLength(MEMBERS);
  });
});

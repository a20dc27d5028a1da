import { evolve } from '../index.js';
import { decide } from '../index.js';
import { refusal } from '../account.fixtures.spec.js';
import { listGroupMembers, listGroups, listGroupsOfUser } from '../index.js';
import { DOMAIN_ID, GROUP2_ID, GROUP_ID, PROJECT_ID, T0, USER2_ID, USER_ID, activeOf, run, world } from '../iam.fixtures.spec.js';
import { SYSTEM_POLICY_IDS } from '../index.js';

const T1 = Date.parse('2026-11-28T11:00:00.000Z');
const createGroup = (name: string, extra: object = {}) => ({ type: 'CreateGroup', groupId: GROUP2_ID, name, now: T1, ...extra }) as const;

describe('decide: CreateGroup', () => {
  it('CreateGroup: new name → GroupCreated with an empty description by default', () => {
    expect(decide(world(), createGroup('dev'))).toEqual([
      { type: 'GroupCreated', groupId: GROUP2_ID, domainId: DOMAIN_ID, name: 'dev', description: '', at: T1 },
    ]);
  });

  it('CreateGroup: name of 128 chars → created; 129 → IAM.0001 naming limit and length', () => {
    expect(decide(world(), createGroup('g'.repeat(128)))).toHaveLength(1);
    expect(refusal(() => decide(world(), createGroup('g'.repeat(129))))).toMatchObject({
      code: 'IAM.0001', message: 'group name must be 1–128 characters (got 129)',
    });
  });

  it('CreateGroup: empty name or a control character → IAM.0001', () => {
    expect(refusal(() => decide(world(), createGroup(''))).message).toBe('group name must be 1–128 characters (got 0)');
    expect(refusal(() => decide(world(), createGroup('a\nb'))).message).toBe('group name must not contain control characters (got one at position 2)');
  });

  it('CreateGroup: name taken in the domain → IAM.0003', () => {
    expect(refusal(() => decide(world(), createGroup('ops')))).toMatchObject({
      code: 'IAM.0003', status: 409, message: `group name "ops" already exists in domain ${DOMAIN_ID}`,
    });
  });

  it('CreateGroup: group id taken → IAM.0003; id not 32 hex → IAM.0001', () => {
    expect(refusal(() => decide(world(), createGroup('dev', { groupId: GROUP_ID })))).toMatchObject({ code: 'IAM.0003', message: `group ${GROUP_ID} already exists` });
    expect(refusal(() => decide(world(), createGroup('dev', { groupId: 'G1' }))).message).toMatch(/^group_id must be 32 lower-case hex/);
  });

  it('CreateGroup: description of 255 bytes → created; 256 bytes (or 128 two-byte chars) → IAM.0001 in bytes', () => {
    expect(decide(world(), createGroup('dev', { description: 'd'.repeat(255) }))).toHaveLength(1);
    expect(refusal(() => decide(world(), createGroup('dev', { description: 'd'.repeat(256) }))).message).toBe(
      'group description must be at most 255 bytes (got 256)',
    );
    expect(refusal(() => decide(world(), createGroup('dev', { description: 'é'.repeat(128) }))).message).toBe(
      'group description must be at most 255 bytes (got 256)',
    );
  });
});

describe('decide: UpdateGroup', () => {
  it('UpdateGroup: new name → GroupUpdated carrying name and description after the change', () => {
    expect(decide(world(), { type: 'UpdateGroup', groupId: GROUP_ID, name: 'operators', now: T1 })).toEqual([
      { type: 'GroupUpdated', groupId: GROUP_ID, name: 'operators', description: 'operators', at: T1 },
    ]);
  });

  it('UpdateGroup: same values → no events; neither name nor description → IAM.0001', () => {
    expect(decide(world(), { type: 'UpdateGroup', groupId: GROUP_ID, name: 'ops', description: 'operators', now: T1 })).toEqual([]);
    expect(refusal(() => decide(world(), { type: 'UpdateGroup', groupId: GROUP_ID, now: T1 }))).toMatchObject({
      code: 'IAM.0001', message: 'a group update needs a name or a description',
    });
  });

  it('UpdateGroup: name of another group → IAM.0003; its own name → allowed', () => {
    const state = run(world(), createGroup('dev'));
    expect(refusal(() => decide(state, { type: 'UpdateGroup', groupId: GROUP2_ID, name: 'ops', now: T1 }))).toMatchObject({ code: 'IAM.0003' });
    expect(decide(state, { type: 'UpdateGroup', groupId: GROUP2_ID, name: 'dev', description: 'x', now: T1 })).toHaveLength(1);
  });

  it('UpdateGroup: unknown group → IAM.0002', () => {
    expect(refusal(() => decide(world(), { type: 'UpdateGroup', groupId: GROUP2_ID, name: 'x', now: T1 }))).toMatchObject({
      code: 'IAM.0002', status: 404, message: `group "${GROUP2_ID}" does not exist`,
    });
  });
});

describe('decide: DeleteGroup', () => {
  it('DeleteGroup: existing group → GroupDeleted; folded → group, its memberships and attachments gone', () => {
    const attached = run(world(), { type: 'AttachPolicy', groupId: GROUP_ID, policyId: SYSTEM_POLICY_IDS.kmsAdministrator, scope: { kind: 'project', projectId: PROJECT_ID }, now: T0 });
    const events = decide(attached, { type: 'DeleteGroup', groupId: GROUP_ID, now: T1 });
    expect(events).toEqual([{ type: 'GroupDeleted', groupId: GROUP_ID, at: T1 }]);
    const state = activeOf(events.reduce(evolve, attached));
    expect(state.groups).toEqual({});
    expect(state.attachments).toEqual([]);
    expect(listGroupsOfUser(state, USER_ID)).toEqual([]);
  });

  it('DeleteGroup: unknown group → IAM.0002 and nothing changes', () => {
    expect(refusal(() => decide(world(), { type: 'DeleteGroup', groupId: GROUP2_ID, now: T1 }))).toMatchObject({ code: 'IAM.0002' });
  });
});

describe('decide: AddUserToGroup / RemoveUserFromGroup', () => {
  it('AddUserToGroup: not yet a member → UserAddedToGroup; folded → listed in joining order', () => {
    const events = decide(world(), { type: 'AddUserToGroup', groupId: GROUP_ID, userId: USER2_ID, now: T1 });
    expect(events).toEqual([{ type: 'UserAddedToGroup', groupId: GROUP_ID, userId: USER2_ID, at: T1 }]);
    expect(listGroupMembers(events.reduce(evolve, world()), GROUP_ID).map((u) => u.name)).toEqual(['alice', 'bob']);
  });

  it('AddUserToGroup: already a member → no events (idempotent)', () => {
    expect(decide(world(), { type: 'AddUserToGroup', groupId: GROUP_ID, userId: USER_ID, now: T1 })).toEqual([]);
  });

  it('AddUserToGroup: unknown user or group → IAM.0002', () => {
    expect(refusal(() => decide(world(), { type: 'AddUserToGroup', groupId: GROUP_ID, userId: 'f'.repeat(32), now: T1 }))).toMatchObject({ code: 'IAM.0002' });
    expect(refusal(() => decide(world(), { type: 'AddUserToGroup', groupId: GROUP2_ID, userId: USER_ID, now: T1 }))).toMatchObject({ code: 'IAM.0002' });
  });

  it('RemoveUserFromGroup: member → UserRemovedFromGroup; folded → no longer a member', () => {
    const events = decide(world(), { type: 'RemoveUserFromGroup', groupId: GROUP_ID, userId: USER_ID, now: T1 });
    expect(events).toEqual([{ type: 'UserRemovedFromGroup', groupId: GROUP_ID, userId: USER_ID, at: T1 }]);
    expect(listGroupMembers(events.reduce(evolve, world()), GROUP_ID)).toEqual([]);
  });

  it('RemoveUserFromGroup: not a member → IAM.0002', () => {
    expect(refusal(() => decide(world(), { type: 'RemoveUserFromGroup', groupId: GROUP_ID, userId: USER2_ID, now: T1 }))).toMatchObject({
      code: 'IAM.0002', message: `user ${USER2_ID} is not a member of group ${GROUP_ID}`,
    });
  });
});

describe('groups evolve and queries', () => {
  it('GroupCreated: → group with its description, no members, created = updated', () => {
    expect(activeOf(world()).groups[GROUP_ID]).toEqual({
      id: GROUP_ID, name: 'ops', domainId: DOMAIN_ID, description: 'operators', members: [USER_ID], createdAt: T0, updatedAt: T0,
    });
  });

  it('group events for an unknown group: → state unchanged', () => {
    const state = world();
    expect(evolve(state, { type: 'GroupUpdated', groupId: GROUP2_ID, name: 'x', description: '', at: T1 })).toBe(state);
    expect(evolve(state, { type: 'GroupDeleted', groupId: GROUP2_ID, at: T1 })).toBe(state);
    expect(evolve(state, { type: 'UserAddedToGroup', groupId: GROUP2_ID, userId: USER_ID, at: T1 })).toBe(state);
  });

  it('listGroups: sorted by name, name filter exact', () => {
    const state = run(world(), createGroup('abc'));
    expect(listGroups(state).map((g) => g.name)).toEqual(['abc', 'ops']);
    expect(listGroups(state, { name: 'ops' }).map((g) => g.id)).toEqual([GROUP_ID]);
  });
});

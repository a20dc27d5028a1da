import { evolve } from '../index.js';
import { exactly, given } from '../account.fixtures.spec.js';
import { listGroupMembers, listGroups, listGroupsOfUser, memberIds } from '../index.js';
import { DOMAIN_ID, GROUP2_ID, GROUP_ID, PROJECT_ID, T0, USER2_ID, USER_ID, WORLD, activeOf, history, run, world } from '../iam.fixtures.spec.js';
import { SYSTEM_POLICY_IDS } from '../index.js';

const T1 = Date.parse('2026-11-28T11:00:00.000Z');
const createGroup = (name: string, extra: object = {}) => ({ type: 'CreateGroup', groupId: GROUP2_ID, name, now: T1, ...extra }) as const;
const updateGroup = (extra: object, groupId = GROUP_ID) => ({ type: 'UpdateGroup', groupId, now: T1, ...extra }) as const;
const membership = (type: 'AddUserToGroup' | 'RemoveUserFromGroup', userId: string, groupId = GROUP_ID) => ({ type, groupId, userId, now: T1 }) as const;
const oneEvent = (events: readonly unknown[]) => expect(events).toHaveLength(1);

describe('decide: CreateGroup', () => {
  it('CreateGroup: new name → GroupCreated with an empty description by default', () => {
    given(WORLD).when(createGroup('dev')).then([{ type: 'GroupCreated', groupId: GROUP2_ID, domainId: DOMAIN_ID, name: 'dev', description: '', at: T1 }]);
  });

  it('CreateGroup: name of 128 chars → created; 129 → IAM.0001 naming limit and length', () => {
    given(WORLD).when(createGroup('g'.repeat(128))).thenSucceeds(oneEvent);
    given(WORLD).when(createGroup('g'.repeat(129))).thenRefuses({ code: 'IAM.0001', message: exactly('group name must be 1–128 characters (got 129)') });
  });

  it('CreateGroup: empty name or a control character → IAM.0001', () => {
    given(WORLD).when(createGroup('')).thenRefuses({ code: 'IAM.0001', message: exactly('group name must be 1–128 characters (got 0)') });
    given(WORLD).when(createGroup('a\nb')).thenRefuses({ code: 'IAM.0001', message: exactly('group name must not contain control characters (got one at position 2)') });
  });

  it('CreateGroup: name taken in the domain → IAM.0003', () => {
    given(WORLD).when(createGroup('ops')).thenRefuses({ code: 'IAM.0003', status: 409, message: exactly(`group name "ops" already exists in domain ${DOMAIN_ID}`) });
  });

  it('CreateGroup: group id taken → IAM.0003; id not 32 hex → IAM.0001', () => {
    given(WORLD).when(createGroup('dev', { groupId: GROUP_ID })).thenRefuses({ code: 'IAM.0003', message: exactly(`group ${GROUP_ID} already exists`) });
    given(WORLD).when(createGroup('dev', { groupId: 'G1' })).thenRefuses({ code: 'IAM.0001', message: /^group_id must be 32 lower-case hex/ });
  });

  it('CreateGroup: description of 255 bytes → created; 256 bytes (or 128 two-byte chars) → IAM.0001 in bytes', () => {
    given(WORLD).when(createGroup('dev', { description: 'd'.repeat(255) })).thenSucceeds(oneEvent);
    const inBytes = { code: 'IAM.0001', message: exactly('group description must be at most 255 bytes (got 256)') };
    given(WORLD).when(createGroup('dev', { description: 'd'.repeat(256) })).thenRefuses(inBytes);
    given(WORLD).when(createGroup('dev', { description: 'é'.repeat(128) })).thenRefuses(inBytes);
  });
});

describe('decide: UpdateGroup', () => {
  const withDev = history(WORLD, createGroup('dev'));

  it('UpdateGroup: new name → GroupUpdated carrying name and description after the change', () => {
    given(WORLD).when(updateGroup({ name: 'operators' })).then([{ type: 'GroupUpdated', groupId: GROUP_ID, name: 'operators', description: 'operators', at: T1 }]);
  });

  it('UpdateGroup: same values → no events; neither name nor description → IAM.0001', () => {
    given(WORLD).when(updateGroup({ name: 'ops', description: 'operators' })).then([]);
    given(WORLD).when(updateGroup({})).thenRefuses({ code: 'IAM.0001', message: exactly('a group update needs a name or a description') });
  });

  it('UpdateGroup: name of another group → IAM.0003; its own name → allowed', () => {
    given(withDev).when(updateGroup({ name: 'ops' }, GROUP2_ID)).thenRefuses({ code: 'IAM.0003' });
    given(withDev).when(updateGroup({ name: 'dev', description: 'x' }, GROUP2_ID)).thenSucceeds(oneEvent);
  });

  it('UpdateGroup: unknown group → IAM.0002', () => {
    given(WORLD).when(updateGroup({ name: 'x' }, GROUP2_ID)).thenRefuses({ code: 'IAM.0002', status: 404, message: exactly(`group "${GROUP2_ID}" does not exist`) });
  });
});

describe('decide: DeleteGroup', () => {
  it('DeleteGroup: existing group → GroupDeleted; folded → group, its memberships and attachments gone', () => {
    const attached = history(WORLD, { type: 'AttachPolicy', groupId: GROUP_ID, policyId: SYSTEM_POLICY_IDS.kmsAdministrator, scope: { kind: 'project', projectId: PROJECT_ID }, now: T0 });
    given(attached).when({ type: 'DeleteGroup', groupId: GROUP_ID, now: T1 }).thenSucceeds((events, after) => {
      expect(events).toEqual([{ type: 'GroupDeleted', groupId: GROUP_ID, at: T1 }]);
      const state = activeOf(after);
      expect(state.groups.size).toBe(0);
      expect(state.attachments.size).toBe(0);
      expect(state.attachmentsByGroup.size + state.attachmentsByPolicy.size + state.groupsByUser.size).toBe(0);
      expect(listGroupsOfUser(state, USER_ID)).toEqual([]);
    });
  });

  it('DeleteGroup: unknown group → IAM.0002 and nothing changes', () => {
    given(WORLD).when({ type: 'DeleteGroup', groupId: GROUP2_ID, now: T1 }).thenRefuses({ code: 'IAM.0002' });
  });
});

describe('decide: AddUserToGroup / RemoveUserFromGroup', () => {
  it('AddUserToGroup: not yet a member → UserAddedToGroup; folded → listed in joining order', () => {
    given(WORLD).when(membership('AddUserToGroup', USER2_ID)).thenSucceeds((events, state) => {
      expect(events).toEqual([{ type: 'UserAddedToGroup', groupId: GROUP_ID, userId: USER2_ID, at: T1 }]);
      expect(listGroupMembers(state, GROUP_ID).map((u) => u.name)).toEqual(['alice', 'bob']);
    });
  });

  it('AddUserToGroup: already a member → no events (idempotent)', () => {
    given(WORLD).when(membership('AddUserToGroup', USER_ID)).then([]);
  });

  it('AddUserToGroup: unknown user or group → IAM.0002', () => {
    given(WORLD).when(membership('AddUserToGroup', 'f'.repeat(32))).thenRefuses({ code: 'IAM.0002' });
    given(WORLD).when(membership('AddUserToGroup', USER_ID, GROUP2_ID)).thenRefuses({ code: 'IAM.0002' });
  });

  it('RemoveUserFromGroup: member → UserRemovedFromGroup; folded → no longer a member', () => {
    given(WORLD).when(membership('RemoveUserFromGroup', USER_ID)).thenSucceeds((events, state) => {
      expect(events).toEqual([{ type: 'UserRemovedFromGroup', groupId: GROUP_ID, userId: USER_ID, at: T1 }]);
      expect(listGroupMembers(state, GROUP_ID)).toEqual([]);
    });
  });

  it('RemoveUserFromGroup: not a member → IAM.0002', () => {
    given(WORLD).when(membership('RemoveUserFromGroup', USER2_ID)).thenRefuses({
      code: 'IAM.0002', message: exactly(`user ${USER2_ID} is not a member of group ${GROUP_ID}`),
    });
  });
});

describe('groups evolve and queries', () => {
  it('GroupCreated: → group with its description, no members, created = updated', () => {
    const group = activeOf(world()).groups.get(GROUP_ID);
    expect(group).toMatchObject({ id: GROUP_ID, name: 'ops', domainId: DOMAIN_ID, description: 'operators', createdAt: T0, updatedAt: T0 });
    expect(group && memberIds(group)).toEqual([USER_ID]);
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

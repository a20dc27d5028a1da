/** Group commands: names unique in the domain, membership of the domain's users. */
import type { Instant } from '@dew/decider';
import { GroupExists, GroupUpdateEmpty, NameTaken, NotGroupMember } from '@dew/contracts';
import { GROUP_DESCRIPTION_MAX_BYTES, GROUP_NAME_MAX_LENGTH, checkDescriptionBytes, checkFreeName, checkId, shown } from '../fields/limits.js';
import type { ActiveAccount, Group } from '../state/account.state.js';
import { existingGroup, existingUser } from '../state/lookups.js';
import { isMember } from '../state/members.js';
import { assertNever } from '../state/records.js';
import type { GroupEvent } from './events.js';

export interface CreateGroup {
  readonly type: 'CreateGroup';
  readonly groupId: string;
  /** 1–128 characters, unique in the domain. */
  readonly name: string;
  /** ≤255 bytes (UTF-8); defaults to "". */
  readonly description?: string;
  readonly now: Instant;
}
/** At least one of name and description. */
export interface UpdateGroup {
  readonly type: 'UpdateGroup';
  readonly groupId: string;
  readonly name?: string;
  readonly description?: string;
  readonly now: Instant;
}
/** Also ends the group's memberships and policy attachments. */
export interface DeleteGroup {
  readonly type: 'DeleteGroup';
  readonly groupId: string;
  readonly now: Instant;
}
/** Idempotent: a member already → no events. */
export interface AddUserToGroup {
  readonly type: 'AddUserToGroup';
  readonly groupId: string;
  readonly userId: string;
  readonly now: Instant;
}
/** Not a member → IAM.0002. */
export interface RemoveUserFromGroup {
  readonly type: 'RemoveUserFromGroup';
  readonly groupId: string;
  readonly userId: string;
  readonly now: Instant;
}

export type GroupCommand = CreateGroup | UpdateGroup | DeleteGroup | AddUserToGroup | RemoveUserFromGroup;

export function decideGroup(state: ActiveAccount, command: GroupCommand): readonly GroupEvent[] {
  switch (command.type) {
    case 'CreateGroup':
      return createGroup(state, command);
    case 'UpdateGroup':
      return updateGroup(state, command);
    case 'DeleteGroup':
      existingGroup(state, command.groupId);
      return [{ type: 'GroupDeleted', groupId: command.groupId, at: command.now }];
    case 'AddUserToGroup':
      return addUserToGroup(state, command);
    case 'RemoveUserFromGroup':
      return removeUserFromGroup(state, command);
    default:
      return assertNever(command);
  }
}

function checkGroupName(state: ActiveAccount, name: unknown, selfId?: string): asserts name is string {
  checkFreeName('group name', name, GROUP_NAME_MAX_LENGTH);
  const holder = state.groupIdsByName.get(name);
  if (holder !== undefined && holder !== selfId) {
    throw NameTaken('group name', shown(name), state.domainId);
  }
}

function createGroup(state: ActiveAccount, c: CreateGroup): readonly GroupEvent[] {
  checkId('group_id', c.groupId);
  const description = c.description ?? '';
  checkDescriptionBytes('group description', description, GROUP_DESCRIPTION_MAX_BYTES);
  if (state.groups.get(c.groupId) !== undefined) throw GroupExists(c.groupId);
  checkGroupName(state, c.name);
  return [{ type: 'GroupCreated', groupId: c.groupId, domainId: state.domainId, name: c.name, description, at: c.now }];
}

function updateGroup(state: ActiveAccount, c: UpdateGroup): readonly GroupEvent[] {
  const group: Group = existingGroup(state, c.groupId);
  if (c.name === undefined && c.description === undefined) {
    throw GroupUpdateEmpty();
  }
  if (c.name !== undefined) checkGroupName(state, c.name, group.id);
  if (c.description !== undefined) checkDescriptionBytes('group description', c.description, GROUP_DESCRIPTION_MAX_BYTES);
  const name = c.name ?? group.name;
  const description = c.description ?? group.description;
  if (name === group.name && description === group.description) return [];
  return [{ type: 'GroupUpdated', groupId: group.id, name, description, at: c.now }];
}

function addUserToGroup(state: ActiveAccount, c: AddUserToGroup): readonly GroupEvent[] {
  const group = existingGroup(state, c.groupId);
  const user = existingUser(state, c.userId);
  if (isMember(group, user.id)) return [];
  return [{ type: 'UserAddedToGroup', groupId: group.id, userId: user.id, at: c.now }];
}

function removeUserFromGroup(state: ActiveAccount, c: RemoveUserFromGroup): readonly GroupEvent[] {
  const group = existingGroup(state, c.groupId);
  const user = existingUser(state, c.userId);
  if (!isMember(group, user.id)) {
    throw NotGroupMember(user.id, group.id);
  }
  return [{ type: 'UserRemovedFromGroup', groupId: group.id, userId: user.id, at: c.now }];
}

/** Group commands: names unique in the domain, membership of the domain's users. */
import { DewError } from '@dew/contracts';
import type { ActiveAccount, Group, Instant } from './account.state.js';
import type { AccountEvent } from './account.js';
import { GROUP_DESCRIPTION_MAX_BYTES, GROUP_NAME_MAX_LENGTH, checkDescriptionBytes, checkFreeName, checkId, shown } from './limits.js';
import { existingGroup, existingUser } from './lookups.js';
import { assertNever, own } from './records.js';

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

export function decideGroup(state: ActiveAccount, command: GroupCommand): readonly AccountEvent[] {
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
  if (Object.values(state.groups).some((g) => g.name === name && g.id !== selfId)) {
    throw new DewError('IAM.0003', `group name ${shown(name)} already exists in domain ${state.domainId}`);
  }
}

function createGroup(state: ActiveAccount, c: CreateGroup): readonly AccountEvent[] {
  checkId('group_id', c.groupId);
  const description = c.description ?? '';
  checkDescriptionBytes('group description', description, GROUP_DESCRIPTION_MAX_BYTES);
  if (own(state.groups, c.groupId) !== undefined) throw new DewError('IAM.0003', `group ${c.groupId} already exists`);
  checkGroupName(state, c.name);
  return [{ type: 'GroupCreated', groupId: c.groupId, domainId: state.domainId, name: c.name, description, at: c.now }];
}

function updateGroup(state: ActiveAccount, c: UpdateGroup): readonly AccountEvent[] {
  const group: Group = existingGroup(state, c.groupId);
  if (c.name === undefined && c.description === undefined) {
    throw new DewError('IAM.0001', 'a group update needs a name or a description');
  }
  if (c.name !== undefined) checkGroupName(state, c.name, group.id);
  if (c.description !== undefined) checkDescriptionBytes('group description', c.description, GROUP_DESCRIPTION_MAX_BYTES);
  const name = c.name ?? group.name;
  const description = c.description ?? group.description;
  if (name === group.name && description === group.description) return [];
  return [{ type: 'GroupUpdated', groupId: group.id, name, description, at: c.now }];
}

function addUserToGroup(state: ActiveAccount, c: AddUserToGroup): readonly AccountEvent[] {
  const group = existingGroup(state, c.groupId);
  const user = existingUser(state, c.userId);
  if (group.members.includes(user.id)) return [];
  return [{ type: 'UserAddedToGroup', groupId: group.id, userId: user.id, at: c.now }];
}

function removeUserFromGroup(state: ActiveAccount, c: RemoveUserFromGroup): readonly AccountEvent[] {
  const group = existingGroup(state, c.groupId);
  const user = existingUser(state, c.userId);
  if (!group.members.includes(user.id)) {
    throw new DewError('IAM.0002', `user ${user.id} is not a member of group ${group.id}`);
  }
  return [{ type: 'UserRemovedFromGroup', groupId: group.id, userId: user.id, at: c.now }];
}

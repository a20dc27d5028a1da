import type { Instant } from '@dew/decider';
import { PersistentMap } from '@dew/decider';
import type { ActiveAccount, Group } from '../state/account.state.js';
import { attachmentsOfGroup } from '../state/attachments.js';
import { withoutAttachment } from '../policies/attachments.evolve.js';
import { assertNever, renamed, unnamed, withIndexed, withoutIndexed } from '../state/records.js';
import type { GroupEvent } from './events.js';

export function evolveGroups(state: ActiveAccount, event: GroupEvent): ActiveAccount {
  switch (event.type) {
    case 'GroupCreated':
      return {
        ...state,
        groups: state.groups.set(event.groupId, {
          id: event.groupId,
          name: event.name,
          domainId: state.domainId,
          description: event.description,
          members: PersistentMap.empty(),
          joins: 0,
          seq: state.made,
          createdAt: event.at,
          updatedAt: event.at,
        }),
        groupIdsByName: renamed(state.groupIdsByName, event.groupId, state.groups.get(event.groupId)?.name, event.name),
        made: state.made + 1,
      };
    case 'GroupUpdated': {
      const before = state.groups.get(event.groupId);
      if (before === undefined) return state;
      return {
        ...withGroup(state, before, { ...before, name: event.name, description: event.description, updatedAt: event.at }),
        groupIdsByName: renamed(state.groupIdsByName, event.groupId, before.name, event.name),
      };
    }
    case 'GroupDeleted':
      return deleteGroup(state, event.groupId);
    case 'UserAddedToGroup': {
      const group = state.groups.get(event.groupId);
      if (group === undefined || group.members.has(event.userId)) return state;
      const joined: Group = { ...group, members: group.members.set(event.userId, group.joins), joins: group.joins + 1, updatedAt: event.at };
      return { ...withGroup(state, group, joined), groupsByUser: withIndexed(state.groupsByUser, event.userId, group.id, true) };
    }
    case 'UserRemovedFromGroup':
      return leaveGroup(state, event.groupId, event.userId, event.at);
    default:
      return assertNever(event);
  }
}

/** The user leaves the group; `at` (when given) becomes the group's `updatedAt`, member or not. */
export function leaveGroup(state: ActiveAccount, groupId: string, userId: string, at: Instant | null): ActiveAccount {
  const group = state.groups.get(groupId);
  if (group === undefined) return state;
  const left: Group = { ...group, members: group.members.delete(userId), ...(at === null ? {} : { updatedAt: at }) };
  return { ...withGroup(state, group, left), groupsByUser: withoutIndexed(state.groupsByUser, userId, groupId) };
}

function withGroup(state: ActiveAccount, before: Group, after: Group): ActiveAccount {
  return { ...state, groups: state.groups.set(before.id, after) };
}

/** The group leaves with its memberships and attachments: work in what it held, not in the account's size. */
function deleteGroup(state: ActiveAccount, groupId: string): ActiveAccount {
  const group = state.groups.get(groupId);
  if (group === undefined) return state;
  let next: ActiveAccount = { ...state, groups: state.groups.delete(groupId), groupIdsByName: unnamed(state.groupIdsByName, groupId, group.name) };
  for (const userId of group.members.keys()) next = { ...next, groupsByUser: withoutIndexed(next.groupsByUser, userId, groupId) };
  for (const attachment of attachmentsOfGroup(state, groupId)) next = withoutAttachment(next, attachment);
  return next;
}

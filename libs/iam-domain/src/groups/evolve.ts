import type { ActiveAccount, Group } from '../state/account.state.js';
import { assertNever, own, withChangedEntry, withEntry, withoutEntry } from '../state/records.js';
import type { GroupEvent } from './events.js';

export function evolveGroups(state: ActiveAccount, event: GroupEvent): ActiveAccount {
  switch (event.type) {
    case 'GroupCreated':
      return {
        ...state,
        groups: withEntry(state.groups, event.groupId, {
          id: event.groupId,
          name: event.name,
          domainId: state.domainId,
          description: event.description,
          members: [],
          createdAt: event.at,
          updatedAt: event.at,
        }),
      };
    case 'GroupUpdated':
      return withGroup(state, event.groupId, (g) => ({ ...g, name: event.name, description: event.description, updatedAt: event.at }));
    case 'GroupDeleted': {
      if (own(state.groups, event.groupId) === undefined) return state;
      const attachments = state.attachments.filter((a) => a.groupId !== event.groupId);
      return { ...state, groups: withoutEntry(state.groups, event.groupId), attachments };
    }
    case 'UserAddedToGroup':
      return withGroup(state, event.groupId, (g) =>
        g.members.includes(event.userId) ? g : { ...g, members: [...g.members, event.userId], updatedAt: event.at },
      );
    case 'UserRemovedFromGroup':
      return withGroup(state, event.groupId, (g) => ({ ...g, members: g.members.filter((id) => id !== event.userId), updatedAt: event.at }));
    default:
      return assertNever(event);
  }
}

function withGroup(state: ActiveAccount, groupId: string, change: (group: Group) => Group): ActiveAccount {
  const groups = withChangedEntry(state.groups, groupId, change);
  return groups === state.groups ? state : { ...state, groups };
}

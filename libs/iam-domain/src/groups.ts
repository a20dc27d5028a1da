/** User groups of a domain: events and their evolve. Members are user ids. */
import type { ActiveAccount, Group, Instant } from './account.state.js';
import { assertNever, own, withEntry, withoutEntry } from './records.js';

export interface GroupCreated {
  readonly type: 'GroupCreated';
  readonly groupId: string;
  readonly domainId: string;
  readonly name: string;
  readonly description: string;
  readonly at: Instant;
}
/** Carries the group's name and description after the change. */
export interface GroupUpdated {
  readonly type: 'GroupUpdated';
  readonly groupId: string;
  readonly name: string;
  readonly description: string;
  readonly at: Instant;
}
/** Also ends the group's memberships and policy attachments. */
export interface GroupDeleted {
  readonly type: 'GroupDeleted';
  readonly groupId: string;
  readonly at: Instant;
}
export interface UserAddedToGroup {
  readonly type: 'UserAddedToGroup';
  readonly groupId: string;
  readonly userId: string;
  readonly at: Instant;
}
export interface UserRemovedFromGroup {
  readonly type: 'UserRemovedFromGroup';
  readonly groupId: string;
  readonly userId: string;
  readonly at: Instant;
}

export type GroupEvent = GroupCreated | GroupUpdated | GroupDeleted | UserAddedToGroup | UserRemovedFromGroup;

export function evolveGroupEvent(state: ActiveAccount, event: GroupEvent): ActiveAccount {
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
  const group = own(state.groups, groupId);
  if (group === undefined) return state;
  return { ...state, groups: withEntry(state.groups, groupId, change(group)) };
}

/** Groups the user belongs to (membership ends when the user or the group is deleted). */
export function groupsOfUser(state: ActiveAccount, userId: string): readonly Group[] {
  return Object.values(state.groups).filter((g) => g.members.includes(userId));
}

import { withoutKey } from '../access-keys/evolve.js';
import { leaveGroup } from '../groups/evolve.js';
import type { ActiveAccount, User } from '../state/account.state.js';
import { assertNever, indexed, renamed, unnamed } from '../state/records.js';
import { groupIdsOfUser } from '../state/members.js';
import type { UserEvent } from './events.js';

export function evolveUsers(state: ActiveAccount, event: UserEvent): ActiveAccount {
  switch (event.type) {
    case 'UserCreated':
      return {
        ...state,
        users: state.users.set(event.userId, {
          id: event.userId,
          name: event.name,
          domainId: state.domainId,
          passwordHash: event.passwordHash,
          passwordStrength: event.passwordStrength ?? null,
          isDomainAdmin: event.isDomainAdmin,
          enabled: event.enabled,
          description: event.description ?? '',
          tokensValidAfter: null,
          createdAt: event.at,
          updatedAt: event.at,
        }),
        userIdsByName: renamed(state.userIdsByName, event.userId, state.users.get(event.userId)?.name, event.name),
      };
    case 'UserUpdated': {
      const before = state.users.get(event.userId);
      const changed = withUser(state, event.userId, (u) => ({ ...u, name: event.name, description: event.description, updatedAt: event.at }));
      return changed === state ? state : { ...changed, userIdsByName: renamed(state.userIdsByName, event.userId, before?.name, event.name) };
    }
    case 'UserPasswordChanged':
      return withUser(state, event.userId, (u) => ({ ...u, passwordHash: event.passwordHash, passwordStrength: event.passwordStrength ?? null, tokensValidAfter: event.at, updatedAt: event.at }));
    case 'UserDeleted':
      return deleteUser(state, event.userId);
    case 'UserEnabled':
      return withUser(state, event.userId, (u) => ({ ...u, enabled: true, updatedAt: event.at }));
    case 'UserDisabled':
      return withUser(state, event.userId, (u) => ({ ...u, enabled: false, tokensValidAfter: event.at, updatedAt: event.at }));
    default:
      return assertNever(event);
  }
}

function withUser(state: ActiveAccount, userId: string, change: (user: User) => User): ActiveAccount {
  const user = state.users.get(userId);
  return user === undefined ? state : { ...state, users: state.users.set(userId, change(user)) };
}

/** The user leaves with its access keys and memberships: work in what it held, not in the account's size. */
function deleteUser(state: ActiveAccount, userId: string): ActiveAccount {
  const user = state.users.get(userId);
  if (user === undefined) return state;
  let next: ActiveAccount = { ...state, users: state.users.delete(userId), userIdsByName: unnamed(state.userIdsByName, userId, user.name) };
  for (const accessKey of indexed(state.accessKeysByUser, userId)) next = withoutKey(next, accessKey);
  for (const groupId of groupIdsOfUser(state, userId)) next = leaveGroup(next, groupId, userId, null);
  return next;
}

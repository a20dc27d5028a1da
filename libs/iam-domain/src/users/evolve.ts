import type { ActiveAccount, User } from '../state/account.state.js';
import { assertNever, own, withChangedEntry, withEntry, withoutEntry } from '../state/records.js';
import type { UserEvent } from './events.js';

export function evolveUsers(state: ActiveAccount, event: UserEvent): ActiveAccount {
  switch (event.type) {
    case 'UserCreated':
      return {
        ...state,
        users: withEntry(state.users, event.userId, {
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
      };
    case 'UserUpdated':
      return withUser(state, event.userId, (u) => ({ ...u, name: event.name, description: event.description, updatedAt: event.at }));
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
  const users = withChangedEntry(state.users, userId, change);
  return users === state.users ? state : { ...state, users };
}

function deleteUser(state: ActiveAccount, userId: string): ActiveAccount {
  if (own(state.users, userId) === undefined) return state;
  const accessKeys = Object.fromEntries(Object.entries(state.accessKeys).filter(([, k]) => k.userId !== userId));
  const groups = Object.fromEntries(
    Object.entries(state.groups).map(([id, g]) => [id, g.members.includes(userId) ? { ...g, members: g.members.filter((m) => m !== userId) } : g]),
  );
  return { ...state, users: withoutEntry(state.users, userId), accessKeys, groups };
}

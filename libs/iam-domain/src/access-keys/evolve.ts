import type { AccessKey, ActiveAccount } from '../state/account.state.js';
import { assertNever, withIndexed, withoutIndexed } from '../state/records.js';
import type { AccessKeyEvent } from './events.js';

export function evolveAccessKeys(state: ActiveAccount, event: AccessKeyEvent): ActiveAccount {
  switch (event.type) {
    case 'AccessKeyCreated':
      return {
        ...state,
        accessKeys: state.accessKeys.set(event.accessKey, {
          accessKey: event.accessKey,
          userId: event.userId,
          wrappedSecret: event.wrappedSecret,
          description: event.description,
          status: 'active',
          createdAt: event.at,
          updatedAt: event.at,
        }),
        accessKeysByUser: withIndexed(state.accessKeysByUser, event.userId, event.accessKey, true),
      };
    case 'AccessKeyStatusChanged':
      return withKey(state, event.accessKey, (key) => ({ ...key, status: event.status, updatedAt: event.at }));
    case 'AccessKeyDescriptionChanged':
      return withKey(state, event.accessKey, (key) => ({ ...key, description: event.description, updatedAt: event.at }));
    case 'AccessKeySecretRewrapped':
      return withKey(state, event.accessKey, (key) => ({ ...key, wrappedSecret: event.wrappedSecret }));
    case 'AccessKeyDeleted':
      return withoutKey(state, event.accessKey);
    default:
      return assertNever(event);
  }
}

/** The state without the access key (the same state when it is absent). */
export function withoutKey(state: ActiveAccount, accessKey: string): ActiveAccount {
  const key = state.accessKeys.get(accessKey);
  if (key === undefined) return state;
  return { ...state, accessKeys: state.accessKeys.delete(accessKey), accessKeysByUser: withoutIndexed(state.accessKeysByUser, key.userId, accessKey) };
}

function withKey(state: ActiveAccount, accessKey: string, change: (key: AccessKey) => AccessKey): ActiveAccount {
  const key = state.accessKeys.get(accessKey);
  return key === undefined ? state : { ...state, accessKeys: state.accessKeys.set(accessKey, change(key)) };
}

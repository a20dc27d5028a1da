import type { AccessKey, ActiveAccount } from '../state/account.state.js';
import { assertNever, withChangedEntry, withEntry, withoutEntry } from '../state/records.js';
import type { AccessKeyEvent } from './events.js';

export function evolveAccessKeys(state: ActiveAccount, event: AccessKeyEvent): ActiveAccount {
  switch (event.type) {
    case 'AccessKeyCreated':
      return {
        ...state,
        accessKeys: withEntry(state.accessKeys, event.accessKey, {
          accessKey: event.accessKey,
          userId: event.userId,
          wrappedSecret: event.wrappedSecret,
          description: event.description,
          status: 'active',
          createdAt: event.at,
          updatedAt: event.at,
        }),
      };
    case 'AccessKeyStatusChanged':
      return withKey(state, event.accessKey, (key) => ({ ...key, status: event.status, updatedAt: event.at }));
    case 'AccessKeyDescriptionChanged':
      return withKey(state, event.accessKey, (key) => ({ ...key, description: event.description, updatedAt: event.at }));
    case 'AccessKeySecretRewrapped':
      return withKey(state, event.accessKey, (key) => ({ ...key, wrappedSecret: event.wrappedSecret }));
    case 'AccessKeyDeleted': {
      const accessKeys = withoutEntry(state.accessKeys, event.accessKey);
      return accessKeys === state.accessKeys ? state : { ...state, accessKeys };
    }
    default:
      return assertNever(event);
  }
}

function withKey(state: ActiveAccount, accessKey: string, change: (key: AccessKey) => AccessKey): ActiveAccount {
  const accessKeys = withChangedEntry(state.accessKeys, accessKey, change);
  return accessKeys === state.accessKeys ? state : { ...state, accessKeys };
}

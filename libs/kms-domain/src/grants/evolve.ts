import { assertNever } from '@dew/decider';
import type { Keyring } from '../state/keyring.state.js';
import { findKey } from '../state/queries.js';
import type { GrantEvent } from './events.js';

export function evolveGrants(state: Keyring, event: GrantEvent): Keyring {
  switch (event.type) {
    case 'GrantCreated': {
      const k = findKey(state, event.keyId);
      if (!k || state.grantIndex.has(event.grant.grantId)) return state;
      return {
        ...state,
        keys: state.keys.set(k.keyId, { ...k, grants: [...k.grants, event.grant] }),
        grantIndex: state.grantIndex.set(event.grant.grantId, k.keyId),
      };
    }
    case 'GrantRevoked':
    case 'GrantRetired': {
      const k = findKey(state, event.keyId);
      if (!k || state.grantIndex.get(event.grantId) !== k.keyId) return state;
      return {
        ...state,
        keys: state.keys.set(k.keyId, { ...k, grants: k.grants.filter((g) => g.grantId !== event.grantId) }),
        grantIndex: state.grantIndex.delete(event.grantId),
      };
    }
    default:
      return assertNever(event);
  }
}

import { assertNever } from '@dew/decider';
import type { Keyring } from '../state/keyring.state.js';
import type { AliasEvent } from './events.js';

/** Events are facts: evolve never refuses (an alias of a key destroyed meanwhile is simply gone). */
export function evolveAliases(state: Keyring, event: AliasEvent): Keyring {
  switch (event.type) {
    case 'AliasCreated':
      return { ...state, keyAliases: state.keyAliases.set(event.alias, { alias: event.alias, keyId: event.keyId, createdAt: event.at, updatedAt: event.at }) };
    case 'AliasAssociated': {
      const entry = state.keyAliases.get(event.alias);
      if (!entry) return state;
      return { ...state, keyAliases: state.keyAliases.set(event.alias, { ...entry, keyId: event.keyId, updatedAt: event.at }) };
    }
    case 'AliasDeleted': {
      let keyAliases = state.keyAliases;
      for (const alias of event.aliases) keyAliases = keyAliases.delete(alias);
      return { ...state, keyAliases };
    }
    default:
      return assertNever(event);
  }
}

/** KeyDestroyed: the key's aliases go with it. */
export function dropAliasesOfKey(state: Keyring, keyId: string): Keyring['keyAliases'] {
  let keyAliases = state.keyAliases;
  for (const entry of state.keyAliases.values()) if (entry.keyId === keyId) keyAliases = keyAliases.delete(entry.alias);
  return keyAliases;
}

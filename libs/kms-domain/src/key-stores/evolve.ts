import { assertNever } from '@dew/decider';
import type { Keyring, KeyStore } from '../state/keyring.state.js';
import type { KeyStoreEvent } from './events.js';

export function evolveKeyStores(state: Keyring, event: KeyStoreEvent): Keyring {
  switch (event.type) {
    case 'KeyStoreCreated': {
      if (state.keyStores.has(event.keystoreId)) return state;
      const { type: _created, at, ...definition } = event;
      const store: KeyStore = { ...definition, state: 'ENABLED', createdAt: at, deleted: false };
      return { ...state, keyStores: state.keyStores.set(store.keystoreId, store) };
    }
    case 'KeyStoreEnabled':
      return update(state, event.keystoreId, (s) => ({ ...s, state: 'ENABLED' }));
    case 'KeyStoreDisabled':
      return update(state, event.keystoreId, (s) => ({ ...s, state: 'DISABLED' }));
    case 'KeyStoreDeleted':
      return update(state, event.keystoreId, (s) => ({ ...s, deleted: true }));
    default:
      return assertNever(event);
  }
}

function update(state: Keyring, keystoreId: string, change: (s: KeyStore) => KeyStore): Keyring {
  const s = state.keyStores.get(keystoreId);
  return s && !s.deleted ? { ...state, keyStores: state.keyStores.set(keystoreId, change(s)) } : state;
}

import { assertNever } from '@dew/decider';
import type { Keyring } from '../state/keyring.state.js';
import { updateLive } from '../state/queries.js';
import type { KeyPolicyEvent } from './events.js';

export function evolveKeyPolicies(state: Keyring, event: KeyPolicyEvent): Keyring {
  switch (event.type) {
    case 'KeyPolicyCreated':
    case 'KeyPolicyUpdated':
      return updateLive(state, event.keyId, (k) => ({ ...k, policy: { document: event.document, updatedAt: event.at } }));
    case 'KeyPolicyDeleted':
      return updateLive(state, event.keyId, ({ policy: _gone, ...k }) => k);
    default:
      return assertNever(event);
  }
}

import type { Instant } from '@dew/decider';
import { assertNever } from '@dew/decider';
import { KeyPolicyExists, KeyPolicyNotFound } from '@dew/contracts';
import { liveKey } from '../state/guards.js';
import type { Keyring } from '../state/keyring.state.js';
import type { KeyPolicyDocument } from './document.js';
import type { KeyPolicyEvent } from './events.js';

/** The document arrives validated (kms checks it with IAM's grammar before deciding). */
export interface CreateKeyPolicy {
  readonly type: 'CreateKeyPolicy';
  readonly keyId: string;
  readonly document: KeyPolicyDocument;
  readonly now: Instant;
}
export interface UpdateKeyPolicy {
  readonly type: 'UpdateKeyPolicy';
  readonly keyId: string;
  readonly document: KeyPolicyDocument;
  readonly now: Instant;
}
export interface DeleteKeyPolicy {
  readonly type: 'DeleteKeyPolicy';
  readonly keyId: string;
  readonly now: Instant;
}

export type KeyPolicyCommand = CreateKeyPolicy | UpdateKeyPolicy | DeleteKeyPolicy;

/** One policy per key: create refuses a second (KMS.2802), update and delete need one (KMS.2803). */
export function decideKeyPolicies(state: Keyring, command: KeyPolicyCommand): readonly KeyPolicyEvent[] {
  const k = liveKey(state, command.keyId);
  switch (command.type) {
    case 'CreateKeyPolicy':
      if (k.policy) throw KeyPolicyExists(k.keyId);
      return [{ type: 'KeyPolicyCreated', keyId: k.keyId, document: command.document, at: command.now }];
    case 'UpdateKeyPolicy':
      if (!k.policy) throw KeyPolicyNotFound(k.keyId);
      return [{ type: 'KeyPolicyUpdated', keyId: k.keyId, document: command.document, at: command.now }];
    case 'DeleteKeyPolicy':
      if (!k.policy) throw KeyPolicyNotFound(k.keyId);
      return [{ type: 'KeyPolicyDeleted', keyId: k.keyId, at: command.now }];
    default:
      return assertNever(command);
  }
}

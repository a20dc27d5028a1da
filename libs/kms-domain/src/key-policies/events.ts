import type { Instant } from '@dew/decider';
import type { KeyPolicyDocument } from './document.js';

/** The document is a policy, never key material: it may travel in events and traces. */
export interface KeyPolicyCreated {
  readonly type: 'KeyPolicyCreated';
  readonly keyId: string;
  readonly document: KeyPolicyDocument;
  readonly at: Instant;
}

export interface KeyPolicyUpdated {
  readonly type: 'KeyPolicyUpdated';
  readonly keyId: string;
  readonly document: KeyPolicyDocument;
  readonly at: Instant;
}

export interface KeyPolicyDeleted {
  readonly type: 'KeyPolicyDeleted';
  readonly keyId: string;
  readonly at: Instant;
}

export type KeyPolicyEvent = KeyPolicyCreated | KeyPolicyUpdated | KeyPolicyDeleted;

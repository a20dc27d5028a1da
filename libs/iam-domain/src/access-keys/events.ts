import type { Instant } from '@dew/decider';
import type { AccessKeyStatus } from '../state/account.state.js';

export interface AccessKeyCreated {
  readonly type: 'AccessKeyCreated';
  readonly accessKey: string;
  readonly userId: string;
  /** The SK wrapped by the root key; opaque here. */
  readonly wrappedSecret: string;
  readonly description: string;
  readonly at: Instant;
}
export interface AccessKeyStatusChanged {
  readonly type: 'AccessKeyStatusChanged';
  readonly accessKey: string;
  readonly status: AccessKeyStatus;
  readonly at: Instant;
}
export interface AccessKeyDescriptionChanged {
  readonly type: 'AccessKeyDescriptionChanged';
  readonly accessKey: string;
  readonly description: string;
  readonly at: Instant;
}
export interface AccessKeyDeleted {
  readonly type: 'AccessKeyDeleted';
  readonly accessKey: string;
  readonly at: Instant;
}

/**
 * The SK wrapped anew by another root key (`dew root-key migrate`, docs/architecture.md "Root of
 * trust"): the same secret, only its wrapping changed; nothing a caller sees changes.
 */
export interface AccessKeySecretRewrapped {
  readonly type: 'AccessKeySecretRewrapped';
  readonly accessKey: string;
  readonly wrappedSecret: string;
  readonly at: Instant;
}

export type AccessKeyEvent = AccessKeyCreated | AccessKeyStatusChanged | AccessKeyDescriptionChanged | AccessKeyDeleted | AccessKeySecretRewrapped;

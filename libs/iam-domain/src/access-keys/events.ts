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

export type AccessKeyEvent = AccessKeyCreated | AccessKeyStatusChanged | AccessKeyDescriptionChanged | AccessKeyDeleted;

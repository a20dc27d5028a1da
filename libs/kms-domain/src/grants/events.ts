import type { Instant } from '@dew/decider';
import type { Grant } from '../state/keyring.state.js';

export interface GrantCreated {
  readonly type: 'GrantCreated';
  readonly keyId: string;
  readonly grant: Grant;
  readonly at: Instant;
}
export interface GrantRevoked {
  readonly type: 'GrantRevoked';
  readonly keyId: string;
  readonly grantId: string;
  readonly at: Instant;
}
export interface GrantRetired {
  readonly type: 'GrantRetired';
  readonly keyId: string;
  readonly grantId: string;
  readonly at: Instant;
}

export type GrantEvent = GrantCreated | GrantRevoked | GrantRetired;

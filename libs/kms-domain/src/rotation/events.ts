import type { Instant } from '@dew/decider';
import type { RotationTrigger } from '../state/keyring.state.js';

export interface KeyRotationEnabled {
  readonly type: 'KeyRotationEnabled';
  readonly keyId: string;
  readonly at: Instant;
}
export interface KeyRotationDisabled {
  readonly type: 'KeyRotationDisabled';
  readonly keyId: string;
  readonly at: Instant;
}
export interface KeyRotationIntervalChanged {
  readonly type: 'KeyRotationIntervalChanged';
  readonly keyId: string;
  readonly intervalDays: number;
  readonly at: Instant;
}
export interface KeyRotated {
  readonly type: 'KeyRotated';
  readonly keyId: string;
  /** The new version (latest + 1), wrapped like every version. */
  readonly material: { readonly version: number; readonly wrapped: string };
  readonly trigger: RotationTrigger;
  readonly at: Instant;
}

export type RotationEvent = KeyRotationEnabled | KeyRotationDisabled | KeyRotationIntervalChanged | KeyRotated;

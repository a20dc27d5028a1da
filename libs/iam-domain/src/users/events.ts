import type { Instant } from '@dew/decider';
import type { PasswordStrength } from '../state/account.state.js';

export interface UserCreated {
  readonly type: 'UserCreated';
  readonly userId: string;
  readonly domainId: string;
  readonly name: string;
  /** Opaque password hash (e.g. `scrypt$…`), null for a programmatic-only user. */
  readonly passwordHash: string | null;
  /** Judged from the password before hashing; absent without a password and in older events. */
  readonly passwordStrength?: PasswordStrength;
  readonly isDomainAdmin: boolean;
  readonly enabled: boolean;
  /** Absent in events written before users had descriptions (read as ""). */
  readonly description?: string;
  readonly at: Instant;
}
/** Carries the user's name and description after the change. */
export interface UserUpdated {
  readonly type: 'UserUpdated';
  readonly userId: string;
  readonly name: string;
  readonly description: string;
  readonly at: Instant;
}
/** A new opaque password hash; an event of its own so audit never copies it with other fields. */
export interface UserPasswordChanged {
  readonly type: 'UserPasswordChanged';
  readonly userId: string;
  readonly passwordHash: string;
  /** Judged from the password before hashing; absent in older events. */
  readonly passwordStrength?: PasswordStrength;
  readonly at: Instant;
}
/**
 * Also ends the user's group memberships. The user's access keys are deleted by
 * `AccessKeyDeleted` events just before it (evolve drops any that are left, too).
 */
export interface UserDeleted {
  readonly type: 'UserDeleted';
  readonly userId: string;
  readonly at: Instant;
}
export interface UserEnabled {
  readonly type: 'UserEnabled';
  readonly userId: string;
  readonly at: Instant;
}
export interface UserDisabled {
  readonly type: 'UserDisabled';
  readonly userId: string;
  readonly at: Instant;
}

export type UserEvent = UserCreated | UserUpdated | UserPasswordChanged | UserDeleted | UserEnabled | UserDisabled;

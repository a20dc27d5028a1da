import type { Instant } from '@dew/decider';
import type { KeyStoreDefinition } from '../state/keyring.state.js';

/** Key stores (docs/api-decisions.md, "Key stores"). The access private key travels sealed, never clear. */
export interface KeyStoreCreated extends KeyStoreDefinition {
  readonly type: 'KeyStoreCreated';
  readonly at: Instant;
}
export interface KeyStoreEnabled {
  readonly type: 'KeyStoreEnabled';
  readonly keystoreId: string;
  readonly at: Instant;
}
export interface KeyStoreDisabled {
  readonly type: 'KeyStoreDisabled';
  readonly keystoreId: string;
  readonly at: Instant;
}
export interface KeyStoreDeleted {
  readonly type: 'KeyStoreDeleted';
  readonly keystoreId: string;
  readonly at: Instant;
}

export type KeyStoreEvent = KeyStoreCreated | KeyStoreEnabled | KeyStoreDisabled | KeyStoreDeleted;

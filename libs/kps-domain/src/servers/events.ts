import type { Instant } from '@dew/decider';
import type { ServerFields } from '../state/keypair-set.js';

/** Events of DEW's server inventory. */

export interface ServerRegistered extends ServerFields {
  readonly type: 'ServerRegistered';
  readonly serverId: string;
  readonly projectId: string;
  readonly hostKey: string | null;
  readonly at: Instant;
}
/** Only the fields that changed. */
export interface ServerChanged extends Partial<ServerFields> {
  readonly type: 'ServerChanged';
  readonly serverId: string;
  readonly at: Instant;
}
/** The server leaves the inventory, and its finished tasks with it (it had no live one). */
export interface ServerRemoved {
  readonly type: 'ServerRemoved';
  readonly serverId: string;
  readonly name: string;
  readonly at: Instant;
}
/** `hostKey` null: forgotten, the next key seen is trusted (a reinstalled machine). */
export interface ServerHostKeyPinned {
  readonly type: 'ServerHostKeyPinned';
  readonly serverId: string;
  readonly hostKey: string | null;
  readonly at: Instant;
}

export type ServerEvent = ServerRegistered | ServerChanged | ServerRemoved | ServerHostKeyPinned;

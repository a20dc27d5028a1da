import type { Instant } from '@dew/decider';

/** Huawei's v2 key aliases (docs/api-decisions.md, "Aliases"): names, never key material. */

export interface AliasCreated {
  readonly type: 'AliasCreated';
  readonly alias: string;
  readonly keyId: string;
  readonly at: Instant;
}

/** associate-alias: the alias now names `keyId` (it named `previousKeyId`). */
export interface AliasAssociated {
  readonly type: 'AliasAssociated';
  readonly alias: string;
  readonly keyId: string;
  readonly previousKeyId: string;
  readonly at: Instant;
}

/** delete-alias: one event for the aliases of one key removed together. */
export interface AliasDeleted {
  readonly type: 'AliasDeleted';
  readonly keyId: string;
  readonly aliases: readonly string[];
  readonly at: Instant;
}

export type AliasEvent = AliasCreated | AliasAssociated | AliasDeleted;

import { AliasNotFound, ListLimitOutOfRange } from '@dew/contracts';
import type { KeyAliasEntry, Keyring } from '../state/keyring.state.js';
import { findKey } from '../state/queries.js';

/** Reads of the project's v2 aliases. */

export const ALIAS_LIST_LIMIT_MAX = 100;
export const ALIAS_LIST_LIMIT_DEFAULT = 50;

/** The aliases naming `keyId`, by name. */
export function aliasesOfKey(state: Keyring, keyId: string): KeyAliasEntry[] {
  return [...state.keyAliases.values()].filter((e) => e.keyId === keyId).sort(byName);
}

/**
 * The key an alias names in this project. An alias unknown here (another project's, a deleted
 * one, a destroyed key's) answers exactly like an unknown key (KMS.0207).
 */
export function keyIdOfAlias(state: Keyring, alias: string): string {
  const entry = state.keyAliases.get(alias);
  if (!entry || !findKey(state, entry.keyId)) throw AliasNotFound(alias);
  return entry.keyId;
}

export interface AliasPage {
  readonly aliases: readonly KeyAliasEntry[];
  /** The last alias of this page when more follow; `marker` of the next call. */
  readonly nextMarker: string | null;
}

export interface AliasListQuery {
  readonly keyId?: string;
  readonly limit?: number;
  /** The name after which the page starts (the previous page's next_marker). */
  readonly marker?: string;
}

/** list-aliases: the project's (or one key's) aliases by name, `limit` at a time after `marker`. */
export function listAliases(state: Keyring, query: AliasListQuery): AliasPage {
  const limit = query.limit ?? ALIAS_LIST_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > ALIAS_LIST_LIMIT_MAX) throw ListLimitOutOfRange(ALIAS_LIST_LIMIT_MAX, limit);
  const all = query.keyId === undefined ? [...state.keyAliases.values()].sort(byName) : aliasesOfKey(state, query.keyId);
  const { marker } = query;
  const from = marker ? all.filter((e) => e.alias > marker) : all;
  const page = from.slice(0, limit);
  return { aliases: page, nextMarker: from.length > limit ? (page.at(-1)?.alias ?? null) : null };
}

function byName(a: KeyAliasEntry, b: KeyAliasEntry): number {
  return a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0;
}

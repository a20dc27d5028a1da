import { liveKey } from '../state/guards.js';
import type { Grant, GrantOperation, Keyring, LiveCmk } from '../state/keyring.state.js';
import { pageWindow } from '../state/list-keys.js';
import { findKey } from '../state/queries.js';
import { isGrantee, isRetiringPrincipal, namesRetiringPrincipal, type GrantCaller } from './grantees.js';

export const GRANT_LIST_LIMIT_DEFAULT = 100;

/** Union of the operations of the caller's grants on the key; empty for an unknown key. */
export function grantRights(state: Keyring, keyId: string, caller: GrantCaller): ReadonlySet<GrantOperation> {
  const rights = new Set<GrantOperation>();
  const k = findKey(state, keyId);
  if (!k) return rights;
  for (const g of k.grants) if (isGrantee(g, caller)) for (const op of g.operations) rights.add(op);
  return rights;
}

export function grantCount(key: LiveCmk): number {
  return key.grants.length;
}

/** A grant by id (grant detail), or undefined. */
export function findGrant(state: Keyring, grantId: string): Grant | undefined {
  const id = grantId.toLowerCase();
  const keyId = state.grantIndex.get(id);
  if (keyId === undefined) return undefined;
  return findKey(state, keyId)?.grants.find((g) => g.grantId === id);
}

export interface GrantPageQuery {
  /** 1..1000, default 100. */
  readonly limit?: number;
  /** Offset, as the previous page's `nextMarker` said; absent → 0. */
  readonly marker?: number;
}

export interface GrantPage {
  readonly grants: readonly Grant[];
  /** "" on the last page. */
  readonly nextMarker: string;
  readonly truncated: boolean;
  readonly total: number;
}

function page(all: readonly Grant[], query: GrantPageQuery): GrantPage {
  const { limit, marker } = pageWindow(query.limit ?? GRANT_LIST_LIMIT_DEFAULT, query.marker ?? 0);
  const grants = all.slice(marker, marker + limit);
  const end = marker + grants.length;
  const truncated = end < all.length;
  return { grants, nextMarker: truncated ? String(end) : '', truncated, total: all.length };
}

/** list-grants: the key's grants in creation order. */
export function listGrants(state: Keyring, keyId: string, query: GrantPageQuery = {}): GrantPage {
  const k = liveKey(state, keyId);
  return page(k.grants, query);
}

function byGrantCreation(a: Grant, b: Grant): number {
  return a.createdAt - b.createdAt || (a.grantId < b.grantId ? -1 : a.grantId > b.grantId ? 1 : 0);
}

/**
 * list-retirable-grants: grants of every live key in this keyring that name a retiring principal
 * and that the caller may retire (grantee or retiring principal). A grant without a retiring
 * principal is never listed, though its grantee may still retire it.
 */
export function retirableGrants(state: Keyring, caller: GrantCaller): Grant[] {
  const out: Grant[] = [];
  for (const k of state.keys.values()) {
    if (k.status === 'Destroyed') continue;
    for (const g of k.grants) if (namesRetiringPrincipal(g) && (isGrantee(g, caller) || isRetiringPrincipal(g, caller))) out.push(g);
  }
  return out.sort(byGrantCreation);
}

/** list-retirable-grants, paged like list-grants. */
export function listRetirableGrants(state: Keyring, caller: GrantCaller, query: GrantPageQuery = {}): GrantPage {
  return page(retirableGrants(state, caller), query);
}

/** Deletion risk: what in this keyring depends on the key (the service adds other services' dependents). */
export function keyDependents(state: Keyring, keyId: string): { readonly grants: number } {
  return { grants: liveKey(state, keyId).grants.length };
}

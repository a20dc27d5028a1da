import type { Keypair, KeypairSet } from '../state/keypair-set.js';
import { pageLimit } from '../rules/paging.js';
import { compareText, findVisibleKeypair } from '../state/queries.js';

export interface ListKeypairsQuery {
  /** 1..1000, default 50. */
  readonly limit?: number;
  /** A key pair name: the page starts after it. */
  readonly marker?: string;
}
export interface KeypairPage {
  readonly keypairs: readonly Keypair[];
  /** Name of the page's last pair when more follow; null on the last page. */
  readonly nextMarker: string | null;
}

/** The pairs user `userId` sees (every account-scoped pair and their own), sorted by name, after `marker`. */
export function listVisibleKeypairs(state: KeypairSet, userId: string, query: ListKeypairsQuery = {}): KeypairPage {
  const limit = pageLimit(query.limit);
  const marker = query.marker ?? '';
  const visible = [...state.keypairs.values()]
    .filter((pair) => findVisibleKeypair(state, userId, pair.name) === pair && pair.name > marker)
    .sort((a, b) => compareText(a.name, b.name));
  const page = visible.slice(0, limit);
  const last = page[page.length - 1];
  return { keypairs: page, nextMarker: visible.length > limit && last ? last.name : null };
}

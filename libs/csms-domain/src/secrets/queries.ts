import { InvalidField, quote } from '@dew/contracts';
import { findSecretByName } from '../state/queries.js';
import type { Secret, SecretSet } from '../state/secret-set.js';

export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 200;

export interface ListSecretsQuery {
  /** 1..200, default 50. */
  readonly limit?: number;
  /** A secret name: the page starts after it. */
  readonly marker?: string;
}
export interface ListSecretsPage {
  readonly secrets: readonly Secret[];
  /** Name of the page's last secret when more follow; null on the last page. */
  readonly nextMarker: string | null;
}

/** GET `secrets`: non-deleted secrets sorted by name, after `marker`. */
export function listSecrets(state: SecretSet, query: ListSecretsQuery = {}): ListSecretsPage {
  const limit = query.limit ?? LIST_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) {
    throw InvalidField('limit', `be an integer 1..${LIST_LIMIT_MAX}`, quote(limit));
  }
  const marker = query.marker;
  const all = [...state.names.keys()]
    .filter((n) => marker === undefined || marker === '' || n > marker)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const page = all.slice(0, limit);
  const secrets = page.map((n) => findSecretByName(state, n)).filter((s): s is Secret => s !== undefined);
  const last = page[page.length - 1];
  return { secrets, nextMarker: all.length > limit && last !== undefined ? last : null };
}

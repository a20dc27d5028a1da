import type { Instant } from '@dew/decider';
import { FieldNotOneOf, InvalidKmsParameter, ListLimitOutOfRange, ListMarkerInvalid, quote } from '@dew/contracts';
import { KEY_SPEC_DEFAULT, KEY_SPECS, isKeySpec, type KeySpec } from '../key-specs.js';
import { validateEnterpriseProjectId } from '../rules.js';
import type { Keyring, LiveCmk } from './keyring.state.js';
import { activeKeys, bySoonest, keyStateCode } from './queries.js';

export const LIST_LIMIT_MAX = 1000;
const KEY_STATE_FILTERS = ['1', '2', '3', '4', '5'] as const;
export type KeyStateFilter = (typeof KEY_STATE_FILTERS)[number];

export interface ListKeysQuery {
  readonly limit: number;
  /** Offset into the ordered result, as the previous page's `nextMarker` said; absent → 0. */
  readonly marker?: number;
  /** Huawei `key_state` code; "1" (pending activation) matches nothing here. */
  readonly keyState?: string;
  /** A key spec or `ALL`; absent → AES_256, as the cloud does. */
  readonly keySpec?: string;
  readonly enterpriseProjectId?: string;
}

export interface ListKeysPage {
  readonly keys: readonly LiveCmk[];
  /** Marker of the next page; "" on the last page. */
  readonly nextMarker: string;
  readonly truncated: boolean;
  /** Keys matching the filters, all pages together. */
  readonly total: number;
}

function parseKeyState(code: string | undefined): KeyStateFilter | undefined {
  if (code === undefined) return undefined;
  if ((KEY_STATE_FILTERS as readonly string[]).includes(code)) return code as KeyStateFilter;
  throw FieldNotOneOf('key_state', KEY_STATE_FILTERS, code);
}

function parseSpecFilter(spec: string | undefined): KeySpec | 'ALL' {
  if (spec === undefined) return KEY_SPEC_DEFAULT;
  if (spec === 'ALL' || isKeySpec(spec)) return spec;
  throw InvalidKmsParameter(`key_spec must be ALL or one of ${KEY_SPECS.join(', ')}, got ${quote(spec)}`);
}

/** Creation order, then id: stable across calls, so offset markers page consistently. */
export function byCreation(a: LiveCmk, b: LiveCmk): number {
  return a.createdAt - b.createdAt || (a.keyId < b.keyId ? -1 : a.keyId > b.keyId ? 1 : 0);
}

/** A page's limit (1..LIST_LIMIT_MAX, KMS.1601) and offset marker (≥ 0, KMS.1602) as every list answers them. */
export function pageWindow(limit: number, marker: number): { readonly limit: number; readonly marker: number } {
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) throw ListLimitOutOfRange(LIST_LIMIT_MAX, limit);
  if (!Number.isInteger(marker) || marker < 0) throw ListMarkerInvalid(marker);
  return { limit, marker };
}

/** list-keys with its filters. Destroyed keys never appear. */
export function listKeys(state: Keyring, query: ListKeysQuery): ListKeysPage {
  const { limit, marker } = pageWindow(query.limit, query.marker ?? 0);
  const keyState = parseKeyState(query.keyState);
  const keySpec = parseSpecFilter(query.keySpec);
  const ep = query.enterpriseProjectId === undefined ? undefined : validateEnterpriseProjectId(query.enterpriseProjectId);

  const matching = activeKeys(state)
    .filter(
      (k) =>
        (keyState === undefined || keyStateCode(k.status) === keyState) &&
        (keySpec === 'ALL' || k.keySpec === keySpec) &&
        (ep === undefined || k.enterpriseProjectId === ep),
    )
    .sort(byCreation);
  const keys = matching.slice(marker, marker + limit);
  const end = marker + keys.length;
  const truncated = end < matching.length;
  return { keys, nextMarker: truncated ? String(end) : '', truncated, total: matching.length };
}

/** Keys whose pending period has ended by `now`, soonest first: the deletion executor's work list. */
export function dueForDestruction(state: Keyring, now: Instant): string[] {
  const due: { keyId: string; at: Instant }[] = [];
  for (const k of state.keys.values()) {
    if (k.status === 'PendingDeletion' && k.deleteAt <= now) due.push({ keyId: k.keyId, at: k.deleteAt });
  }
  return due.sort(bySoonest).map((d) => d.keyId);
}

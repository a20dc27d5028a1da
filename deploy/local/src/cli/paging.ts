import type { Paging } from './catalog.js';
import { listOf } from './output.js';

type Reply = Readonly<Record<string, unknown>>;
const asObject = (v: unknown): Reply => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Reply) : {});

/** The marker of the page after this one, where the reply's family puts it (KMS, CSMS/KPS page_info, CTS meta_data). */
function nextMarker(reply: Reply): string | undefined {
  if (reply.truncated === 'false' || reply.truncated === false) return undefined;
  const marker = reply.next_marker ?? asObject(reply.page_info).next_marker ?? asObject(reply.meta_data).marker;
  return typeof marker === 'string' && marker !== '' ? marker : undefined;
}

/**
 * The fields asking for the page after `reply`, or undefined on the last page: `marker` from the
 * reply, or `offset` moved past the items received (stopping at total_count or a short page).
 */
export function nextPageFields(paging: Paging, fields: Reply, reply: unknown): Reply | undefined {
  const r = asObject(reply);
  if (paging === 'marker') {
    const marker = nextMarker(r);
    return marker === undefined || marker === fields.marker ? undefined : { ...fields, marker };
  }
  if (paging !== 'offset') return undefined;
  const received = listOf(reply)?.length ?? 0;
  if (received === 0) return undefined;
  const offset = Number(fields.offset ?? 0) + received;
  const total = Number(r.total_count ?? r.total ?? Number.NaN);
  if (Number.isFinite(total) && offset >= total) return undefined;
  if (fields.limit !== undefined && received < Number(fields.limit)) return undefined;
  return { ...fields, offset: String(offset) };
}

/** Pages joined: the first page's shape with each list field holding every page's items, paging fields from the last. */
export function joinPages(pages: readonly unknown[]): unknown {
  const [first, ...rest] = pages;
  if (rest.length === 0) return first;
  if (Array.isArray(first)) return pages.flatMap((p) => (Array.isArray(p) ? p : []));
  const joined: Record<string, unknown> = { ...asObject(pages.at(-1)) };
  for (const [key, value] of Object.entries(asObject(first))) {
    if (Array.isArray(value)) joined[key] = pages.flatMap((p) => (asObject(p)[key] as unknown[] | undefined) ?? []);
  }
  return joined;
}

import type { Trace } from '@dew/read-models';

/**
 * How a trace is stored in the index (docs/cts-traces.md, "The index layout"): the fields the
 * queries filter on are integer columns (see Terms), the rest one compact body: a JSON array of the
 * values in a fixed key order, without the key names. A trace read back has the same fields and values.
 */

/** Trace fields held as term columns, in the order of the `traces` table's columns. */
export const TERM_FIELDS = ['service_type', 'resource_type', 'resource_id', 'resource_name', 'trace_name', 'trace_rating', 'enterprise_project_id'] as const;
/** `user` fields held as term columns (the `user` and `access_key_id` filters). */
export const USER_TERM_FIELDS = ['name', 'access_key_id'] as const;

/** Every field of a trace in the order the API shows them (TraceReplyBody); those stored elsewhere are skipped in the body. */
const TRACE_KEYS = [
  'trace_id', 'trace_name', 'trace_rating', 'trace_type', 'service_type', 'resource_type', 'resource_id', 'resource_name', 'resource_url', 'code', 'message',
  'location_info', 'user', 'source_ip', 'request', 'response', 'time', 'record_time', 'request_id', 'api_version', 'project_id', 'endpoint',
  'enterprise_project_id', 'read_only', 'operation_id',
];
const USER_KEYS = ['id', 'name', 'user_name', 'domain', 'account_id', 'access_key_id', 'principal_id', 'principal_urn', 'principal_is_root_user', 'type', 'invoked_by'];
const IN_COLUMNS = new Set<string>(['trace_id', 'time', ...TERM_FIELDS]);
const USER_IN_COLUMNS = new Set<string>(USER_TERM_FIELDS);
const BODY_KEYS = TRACE_KEYS.filter((k) => !IN_COLUMNS.has(k));
const USER_BODY_KEYS = USER_KEYS.filter((k) => !USER_IN_COLUMNS.has(k));
const KNOWN = new Set(TRACE_KEYS);
const USER_KNOWN = new Set(USER_KEYS);

type Fields = Record<string, unknown>;

/**
 * `[extra, v1, v2, …]`: the values of `keys` in order (null for an absent one; trace values are
 * never null), then trailing absent ones cut; `extra` holds fields outside `known` (0 if none), so
 * a trace with fields this code does not know is still kept whole. `known` holds `keys` and the
 * fields stored in columns.
 */
function pack(object: Fields, keys: readonly string[], known: ReadonlySet<string>): unknown[] {
  let extra: Fields | 0 = 0;
  for (const key in object) {
    if (!known.has(key)) (extra ||= {})[key] = object[key];
  }
  const out: unknown[] = [extra];
  let last = 1;
  for (let i = 0; i < keys.length; i++) {
    const value = object[keys[i]!];
    if (value === undefined) {
      out.push(null);
    } else {
      out.push(value);
      last = out.length;
    }
  }
  if (last < out.length) out.length = last;
  return out;
}

function unpackInto(target: Fields, packed: readonly unknown[], keys: readonly string[]): void {
  for (let i = 1; i < packed.length; i++) if (packed[i] !== null) target[keys[i - 1]!] = packed[i];
  if (packed[0]) Object.assign(target, packed[0]);
}

/** Where `user` sits in a packed body (after the extra fields' slot). */
const USER_SLOT = BODY_KEYS.indexOf('user') + 1;

/** The body of a trace: everything but trace_id, time and the term columns (user.name, user.access_key_id included). */
export function packBody(trace: Trace): string {
  const packed = pack(trace as unknown as Fields, BODY_KEYS, KNOWN);
  const user = packed[USER_SLOT];
  if (user && typeof user === 'object' && !Array.isArray(user)) packed[USER_SLOT] = pack(user as Fields, USER_BODY_KEYS, USER_KNOWN);
  return JSON.stringify(packed);
}

/** The stored parts of a trace, as `packBody` and the columns hold them. */
export interface StoredTrace {
  readonly traceId: string;
  readonly time: number;
  /** TERM_FIELDS' values, in order; undefined where the trace had none. */
  readonly terms: ReadonlyArray<string | undefined>;
  /** USER_TERM_FIELDS' values, in order. */
  readonly userTerms: ReadonlyArray<string | undefined>;
  readonly body: string;
}

/** The trace again, its fields in the API's order. */
export function unpackTrace(stored: StoredTrace): Trace {
  const rest: Fields = {};
  unpackInto(rest, JSON.parse(stored.body) as unknown[], BODY_KEYS);
  const columns: Fields = { trace_id: stored.traceId, time: stored.time };
  TERM_FIELDS.forEach((field, i) => { if (stored.terms[i] !== undefined) columns[field] = stored.terms[i]; });
  const trace: Fields = {};
  for (const key of TRACE_KEYS) {
    const value = key in columns ? columns[key] : rest[key];
    if (value !== undefined) trace[key] = key === 'user' ? unpackUser(value, stored.userTerms) : value;
  }
  for (const key in rest) if (!KNOWN.has(key)) trace[key] = rest[key];
  return trace as unknown as Trace;
}

function unpackUser(packed: unknown, userTerms: ReadonlyArray<string | undefined>): unknown {
  if (!Array.isArray(packed)) return packed;
  const rest: Fields = {};
  unpackInto(rest, packed, USER_BODY_KEYS);
  USER_TERM_FIELDS.forEach((field, i) => { if (userTerms[i] !== undefined) rest[field] = userTerms[i]; });
  const user: Fields = {};
  for (const key of USER_KEYS) if (rest[key] !== undefined) user[key] = rest[key];
  for (const key in rest) if (!USER_KNOWN.has(key)) user[key] = rest[key];
  return user;
}

/** The term column values of a trace, in TERM_FIELDS then USER_TERM_FIELDS order. */
export function termValuesOf(trace: Trace): Array<string | undefined> {
  const t = trace as unknown as Fields;
  const user = (t.user ?? {}) as Fields;
  const values: Array<string | undefined> = [];
  for (const field of TERM_FIELDS) values.push(termText(t[field]));
  for (const field of USER_TERM_FIELDS) values.push(termText(user[field]));
  return values;
}

const termText = (value: unknown): string | undefined => (value === undefined ? undefined : String(value));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A lower-case UUID trace id as its 16 bytes; any other id as its text (a BLOB never equals a TEXT in SQLite). */
export function traceIdKey(traceId: string): Buffer | string {
  return UUID.test(traceId) ? Buffer.from(traceId.replaceAll('-', ''), 'hex') : traceId;
}

export function traceIdText(key: Buffer | string): string {
  if (typeof key === 'string') return key;
  const hex = key.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

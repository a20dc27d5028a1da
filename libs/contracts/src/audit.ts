/**
 * One record of the AUDIT stream. Operations that change state
 * are audited from their events; operations that change nothing (crypto, random, reads of
 * secrets) publish one of these and wait for its ack before answering (audit fails closed).
 * `request` holds only allow-listed fields: never plaintexts, data keys, messages, AAD or secrets.
 */
export interface AuditRecord {
  readonly trace_id: string;
  readonly trace_name: string;
  readonly trace_rating: 'normal' | 'warning' | 'incident';
  readonly trace_type: 'ApiCall' | 'ConsoleAction' | 'SystemAction';
  readonly service_type: string;
  readonly resource_type: string;
  readonly resource_id: string;
  readonly resource_name: string;
  readonly code: string;
  readonly user: AuditUser;
  readonly source_ip: string;
  readonly request: Readonly<Record<string, string>>;
  readonly time: number;
  readonly request_id: string;
  readonly api_version: string;
  readonly project_id: string;
  // Recorded since docs/cts-traces.md; older records lack them and their traces show defaults.
  /** The answer as JSON text, secret fields left out. */
  readonly response?: string;
  /** A refusal's error message; empty for a success. */
  readonly message?: string;
  /** A refusal's error code, where the failure is to be looked for. */
  readonly location_info?: string;
  readonly endpoint?: string;
  readonly enterprise_project_id?: string;
  readonly read_only?: boolean;
}

/** The caller of an audited operation: only what was verified (docs/input-limits.md). */
export interface AuditUser {
  readonly id: string;
  readonly name: string;
  readonly domain: { readonly id: string; readonly name?: string };
  /** The access key of a verified signature; absent for tokens and unauthenticated callers. */
  readonly access_key_id?: string;
  readonly root_user?: boolean;
}

/** Copies the named fields of a request, as strings, and nothing else. */
export function allowListed(body: object, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = (body as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[field] = String(value).slice(0, 256);
  }
  return out;
}

/**
 * The records of one AUDIT message: a JSON object is one record (every message before batching,
 * and a batch of one today), a JSON array is the records one publisher stored together
 * (docs/architecture.md, "Audit"). Anything else is no AUDIT message.
 */
export function auditRecordsOf(text: string): AuditRecord[] {
  const parsed = JSON.parse(text) as unknown;
  if (Array.isArray(parsed)) return parsed as AuditRecord[];
  if (parsed !== null && typeof parsed === 'object') return [parsed as AuditRecord];
  throw new Error('an AUDIT message holds a record or an array of records');
}

/** One AUDIT message's body from the records' JSON texts (see auditRecordsOf). */
export function auditMessageText(recordTexts: readonly string[]): string {
  return recordTexts.length === 1 ? recordTexts[0]! : `[${recordTexts.join(',')}]`;
}

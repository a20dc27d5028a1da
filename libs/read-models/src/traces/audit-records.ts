import { auditRecordsOf, type AuditRecord } from '@dew/contracts/audit';

const utf8 = new TextDecoder();

/**
 * The audit records an AUDIT message holds, or why it holds none: bytes nats-server stored on an
 * AUDIT subject on someone's behalf (an answer to a reply subject, a snapshot chunk) are skipped
 * the same way by the trace index and by the replay (docs/bus-security.md, "Subjects the server
 * publishes to"). Light on imports: the replay's worker threads load it.
 */
export function auditRecordsIn(data: Uint8Array): AuditRecord[] | { readonly skipped: string } {
  let records: AuditRecord[];
  try {
    records = auditRecordsOf(utf8.decode(data));
  } catch {
    return { skipped: 'its body is no JSON' };
  }
  return records.every(isAuditRecord) ? records : { skipped: 'its body holds no audit records' };
}

/** The fields fromAuditRecord reads without a default. */
function isAuditRecord(value: unknown): value is AuditRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Record<keyof AuditRecord, unknown>>;
  const user = r.user as { domain?: unknown } | null | undefined;
  return typeof r.trace_id === 'string' && typeof r.trace_name === 'string' && typeof r.project_id === 'string'
    && typeof r.time === 'number' && typeof user === 'object' && user !== null && typeof user.domain === 'object' && user.domain !== null;
}

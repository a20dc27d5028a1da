import type { JsMsg } from '@nats-io/jetstream';
import { foreignReason, recordStreamAnomaly } from '@dew/event-store';
import { auditRecordsIn } from './audit-records.js';
import type { ScopedTrace } from './trace.js';
import { fromAuditRecord } from './to-traces.js';

/**
 * One AUDIT message's traces. A message that is no audit record of its subject (a copy nats-server
 * delivered there, bytes that are no record) gives none and is recorded as a stream anomaly, so
 * the trace index skips it and goes on (docs/bus-security.md, "Subjects the server publishes to").
 */
export function auditMessageTraces(m: Pick<JsMsg, 'subject' | 'seq' | 'headers' | 'data'>, recordTime: number): ScopedTrace[] {
  const copiedFrom = foreignReason(m.subject, m.headers);
  const records = copiedFrom === undefined ? auditRecordsIn(m.data) : { skipped: copiedFrom };
  if (Array.isArray(records)) return records.map((record) => fromAuditRecord(record, recordTime));
  recordStreamAnomaly({ kind: 'foreign-message', stream: 'AUDIT', subject: m.subject, streamSequence: m.seq, reason: records.skipped });
  return [];
}

import type { AuditRecord } from '@dew/contracts';
import { canonicalJson } from '@dew/event-sourcing';
import { DEFAULT_ENTERPRISE_PROJECT_ID } from '@dew/kms-domain';
import { auditTraceFastText } from './audit-trace-fast.js';
import { fromAuditRecord, traceDoc } from './to-traces.js';

/**
 * `canonicalJson(traceDoc(fromAuditRecord(record, t).trace))`, byte for byte: the writer of
 * audit-trace-fast.ts where it covers the record, else the general path itself.
 */
export const auditTraceCanonicalText = (record: AuditRecord): string => auditTraceFastText(record, DEFAULT_ENTERPRISE_PROJECT_ID) ?? auditTraceGeneralText(record);

/** The general path: the trace the live index builds, written canonically. */
export function auditTraceGeneralText(record: AuditRecord): string {
  return canonicalJson(traceDoc(fromAuditRecord(record, 0).trace));
}

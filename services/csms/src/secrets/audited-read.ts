import type { Operation, TraceSpec } from '@dew/contracts';

/** The trace an audited read records under: its row's (docs/cts-traces.md), so the name is declared once. */
export function auditTraceOf(row: Operation): TraceSpec {
  if (!row.trace) throw new Error(`operation ${row.name} is an audited read without a trace`);
  return row.trace;
}

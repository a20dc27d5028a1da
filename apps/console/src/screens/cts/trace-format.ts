import type { TraceFilters } from '../../api/cts';

/** Trace sources: the services whose traces DEW records (service_type, upper-case). */
export const TRACE_SOURCES = ['KMS', 'CSMS', 'KPS', 'DHSM', 'IAM'];
/** Resource types of DEW's traces (docs/cts-traces.md). */
export const RESOURCE_TYPES = ['cmk', 'secret', 'keypair', 'server', 'hsm', 'hsmKey', 'hsmCertificate', 'user', 'group', 'policy', 'credential', 'project', 'domain'];
export const LEVELS = ['normal', 'warning', 'incident'];

const HOUR = 3_600_000;
/** The guide's windows; traces are kept 7 days (docs/cts-traces.md, "Query"). */
export const RANGES: ReadonlyArray<{ readonly value: string; readonly label: string; readonly ms: number }> = [
  { value: '1h', label: 'Last 1 hour', ms: HOUR },
  { value: '1d', label: 'Last 1 day', ms: 24 * HOUR },
  { value: '7d', label: 'Last 1 week', ms: 7 * 24 * HOUR },
];
export const CUSTOM = 'custom';

/** A `datetime-local` value (the viewer's zone, to the minute) for a time in ms. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The window a search covers, in UTC ms as the API takes them. A preset ends now (plus a second,
 * since `to` is exclusive and a trace of this second must be found); a custom range runs from
 * the first minute to the end of the last one.
 */
export function windowOf(range: string, from: string, to: string, now: number): Pick<TraceFilters, 'from' | 'to'> {
  const preset = RANGES.find((r) => r.value === range);
  if (preset) return { from: now - preset.ms, to: now + 1_000 };
  return { from: new Date(from).getTime(), to: new Date(to).getTime() + 60_000 };
}

/** A trace field as the detail shows it: text as it came, anything else as JSON. */
export const fieldText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

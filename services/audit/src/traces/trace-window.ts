import { NotMillisTimestamp, InvertedTraceWindow } from '@dew/contracts';

const HOUR = 3_600_000;
/** CTS `from`/`to`: UTC milliseconds, 13 digits (docs/cts-traces.md). */
const MILLIS = /^\d{13}$/;

function millis(field: 'from' | 'to', text: string): number {
  if (!MILLIS.test(text)) throw NotMillisTimestamp(field, text);
  return Number(text);
}

/**
 * The exclusive time bounds of a trace query: `to` defaults to now, `from` to an hour before
 * `to`; the window reaches back at most `retentionMs` from now (older traces are gone).
 */
export function traceWindow(query: { readonly from?: string; readonly to?: string }, now: number, retentionMs: number): { from: number; to: number } {
  const to = query.to === undefined ? now : millis('to', query.to);
  const asked = query.from === undefined ? to - HOUR : millis('from', query.from);
  if (asked > to) throw InvertedTraceWindow(asked, to);
  return { from: Math.max(asked, now - retentionMs), to };
}

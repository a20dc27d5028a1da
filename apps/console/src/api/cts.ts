import type { ListTracesReply, TraceReplyBody } from '@dew/contracts/wire-replies';
import type { Api } from '../session';

export type Trace = TraceReplyBody;

/** The guide's filters (5.2 step 3) as `GET /v3/{project_id}/traces` takes them (docs/cts-traces.md). */
export interface TraceFilters {
  /** UTC milliseconds. */
  readonly from: number;
  readonly to: number;
  readonly service_type?: string;
  readonly resource_type?: string;
  readonly resource_id?: string;
  readonly trace_name?: string;
  readonly user?: string;
  readonly trace_rating?: string;
}

export const TRACES_PER_PAGE = 20;

/** The query string of a search; empty filters are left out, so they match everything. */
export function traceQuery(f: TraceFilters, next?: string): string {
  const q = new URLSearchParams({ trace_type: 'system', limit: String(TRACES_PER_PAGE), from: String(f.from), to: String(f.to) });
  for (const name of ['service_type', 'resource_type', 'resource_id', 'trace_name', 'user', 'trace_rating'] as const) {
    const v = f[name]?.trim();
    if (v) q.set(name, v);
  }
  if (next) q.set('next', next);
  return q.toString();
}

export const listTraces = (api: Api, f: TraceFilters, next?: string) => api<ListTracesReply>('GET', `/v3/{project_id}/traces?${traceQuery(f, next)}`);

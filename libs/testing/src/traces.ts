import type { SdkClient } from './sdk-client.js';

/** The fields of a CTS trace the suites read (the full model: services/gateway/test/conformance/cts-models.ts). */
export interface TraceSummary {
  readonly trace_id: string;
  readonly trace_name: string;
  readonly trace_type: string;
  readonly trace_rating: string;
  readonly service_type: string;
  readonly resource_type: string;
  readonly resource_id: string;
  readonly resource_name: string;
  readonly code: string;
  readonly request: string;
  readonly project_id: string;
  readonly user: { readonly name: string; readonly access_key_id?: string };
}

export interface TraceList {
  readonly traces: readonly TraceSummary[];
  readonly meta_data: { readonly count: number; readonly marker: string | null };
}

/** System traces matching `query`; they are built asynchronously from the streams, so ask until `expected` are there (bounded). */
export async function tracesOf(client: SdkClient, query: string, expected: number): Promise<TraceList> {
  let last: TraceList = { traces: [], meta_data: { count: 0, marker: null } };
  for (let i = 0; i < 50 && last.traces.length < expected; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    const res = await client.call<TraceList>('GET', `/v3/{project_id}/traces?trace_type=system&${query}`);
    expect(res.status).toBe(200);
    last = res.body;
  }
  return last;
}

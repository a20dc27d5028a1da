/** The operator of a trace: CTS `UserInfo` (docs/cts-traces.md). */
export interface TraceUserReplyBody {
  readonly id: string;
  readonly name: string;
  readonly user_name: string;
  readonly domain: { readonly id: string; readonly name: string };
  readonly account_id: string;
  readonly access_key_id: string;
  readonly principal_id: string;
  readonly principal_urn: string;
  readonly principal_is_root_user: 'true' | 'false';
  readonly type: 'User' | 'System' | 'Anonymous';
  readonly invoked_by?: readonly string[];
}

/** One trace as the list answers it: CTS `Traces` (docs/cts-traces.md). */
export interface TraceReplyBody {
  readonly trace_id: string;
  readonly trace_name: string;
  readonly trace_rating: 'normal' | 'warning' | 'incident';
  readonly trace_type: string;
  readonly service_type: string;
  readonly resource_type: string;
  readonly resource_id: string;
  readonly resource_name: string;
  readonly resource_url: string;
  readonly code: string;
  readonly message: string;
  readonly location_info: string;
  readonly user: TraceUserReplyBody;
  readonly source_ip: string;
  readonly request: string;
  readonly response: string;
  readonly time: number;
  readonly record_time: number;
  readonly request_id: string;
  readonly api_version: string;
  readonly project_id: string;
  readonly endpoint: string;
  readonly enterprise_project_id: string;
  readonly read_only: boolean;
  readonly operation_id: string;
}

/** GET /v3/{project_id}/traces; a null marker: no next page. */
export interface ListTracesReply {
  readonly traces: readonly TraceReplyBody[];
  readonly meta_data: { readonly count: number; readonly marker: string | null };
}

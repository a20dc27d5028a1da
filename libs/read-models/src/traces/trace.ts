import { eventTraces } from '@dew/contracts';

/** The operator of a trace: CTS `UserInfo` (docs/cts-traces.md). */
export interface TraceUser {
  readonly id: string;
  readonly name: string;
  readonly user_name: string;
  readonly domain: { readonly id: string; readonly name: string };
  readonly account_id: string;
  readonly access_key_id: string;
  readonly principal_id: string;
  readonly principal_urn: string;
  /** The string `"true"` or `"false"`, as CTS types it. */
  readonly principal_is_root_user: 'true' | 'false';
  readonly type: TraceUserType;
  /** Only for console sessions: the console acted for the user. */
  readonly invoked_by?: readonly string[];
}

/** `User` a verified IAM user, `System` DEW's own schedulers, `Anonymous` a refusal before authentication. */
export type TraceUserType = 'User' | 'System' | 'Anonymous';

/**
 * A CTS trace (fields of the SDK's `Traces` model, docs/cts-traces.md): the request and the
 * response as text (allow-listed fields only), and the time the audit service recorded it.
 */
export interface Trace {
  readonly trace_id: string;
  readonly trace_name: string;
  readonly trace_rating: 'normal' | 'warning' | 'incident';
  /** ApiCall / ConsoleAction / SystemAction, as the event's headers said. */
  readonly trace_type: string;
  readonly service_type: string;
  readonly resource_type: string;
  readonly resource_id: string;
  readonly resource_name: string;
  readonly resource_url: string;
  readonly code: string;
  readonly message: string;
  readonly location_info: string;
  readonly user: TraceUser;
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

/**
 * Trace names of state changes, from their events, derived from the operation table's rows
 * (`trace.events`; docs/cts-traces.md). An event type missing here still becomes a trace, named
 * after the event, so no change goes unrecorded.
 */
export const TRACE_NAMES: Readonly<Record<string, { name: string; resource: string }>> = Object.fromEntries(
  [...eventTraces()].map(([event, t]) => [event, { name: t.name, resource: t.resourceType }]),
);

/**
 * Where a trace is visible and chained: its project, or for account-wide operations (IAM) the
 * account as `domain:<id>`, which every project of that account sees.
 */
export const domainScope = (domainId: string): string => `domain:${domainId}`;

export interface ScopedTrace {
  readonly scope: string;
  readonly trace: Trace;
}

/** The audit service's trace index, as the replay tool names it. */
export const TRACES_MODEL = 'audit.traces';

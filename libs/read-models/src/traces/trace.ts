import { eventTraces, type TraceReplyBody, type TraceUserReplyBody } from '@dew/contracts';

/** The operator of a trace: CTS `UserInfo`, declared with the list-traces row (docs/cts-traces.md). */
export type TraceUser = TraceUserReplyBody;

/** `User` a verified IAM user, `System` DEW's own schedulers, `Anonymous` a refusal before authentication. */
export type TraceUserType = TraceUserReplyBody['type'];

/**
 * A CTS trace (the SDK's `Traces` model, declared with the list-traces row; docs/cts-traces.md):
 * the request and the response as text (allow-listed fields only), and the time the audit service
 * recorded it.
 */
export type Trace = TraceReplyBody;

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

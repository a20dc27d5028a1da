import { status } from '@grpc/grpc-js';
import type { NodeIdentity } from '../identity.js';
import { ControlRefusal, unary, type Admission, type Request } from './calls.js';

/** A node's figures as it reported them (docs/hsm.md, "Monitoring"). */
export interface HealthReport {
  readonly role: 'active' | 'standby';
  readonly cpuPercent: number;
  readonly rssBytes: number;
  readonly connections: number;
  readonly requests: number;
  readonly latencyP50Ms: number;
  readonly latencyMaxMs: number;
  readonly mirrorAppliedSeq: number;
  readonly unmirroredKeys: number;
}

/** One call the appliance served or refused (docs/hsm.md, "Traces"); nothing secret in it. */
export interface CallRecord {
  readonly operation: string;
  readonly resourceId: string;
  readonly resourceName: string;
  /** 0: served; else the gRPC status of the refusal. */
  readonly code: number;
  readonly message: string;
  readonly caller: string;
  readonly sourceIp: string;
  readonly request: Readonly<Record<string, string>>;
}

/** Where the control plane hands what nodes report: provisioning's monitoring and audit trail. */
export interface NodeReports {
  health(node: NodeIdentity, report: HealthReport): void;
  /** Resolves once the record is stored; a rejection makes the node's call fail. */
  call(node: NodeIdentity, record: CallRecord): Promise<void>;
}

const MAX_TEXT = 1024;
const MAX_FIELDS = 16;
const FIGURES = ['cpuPercent', 'rssBytes', 'connections', 'requests', 'latencyP50Ms', 'latencyMaxMs', 'mirrorAppliedSeq', 'unmirroredKeys'] as const;

/**
 * A text field of a call record, cut to `max` characters (a `…` marks the cut): an operation the
 * node performed is recorded however long a name in it was, never refused for it (docs/hsm.md, "Traces").
 */
function text(req: Request, field: string, max = MAX_TEXT): string {
  const v = req[field];
  if (typeof v !== 'string') throw new ControlRefusal(status.INVALID_ARGUMENT, `${field} must be text, got ${typeof v}`);
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}

/** An operation: never cut, as the record would name another one. */
function name(req: Request, field: string, max: number): string {
  const v = req[field];
  if (typeof v !== 'string' || v.length > max) throw new ControlRefusal(status.INVALID_ARGUMENT, `${field} must be text of at most ${max} characters, got ${typeof v === 'string' ? `${v.length} characters` : typeof v}`);
  return v;
}

function healthOf(req: Request): HealthReport {
  const role = req['role'];
  if (role !== 'active' && role !== 'standby') throw new ControlRefusal(status.INVALID_ARGUMENT, `role must be active or standby, got ${JSON.stringify(role)}`);
  const figures = Object.fromEntries(FIGURES.map((f) => {
    const v = req[f];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new ControlRefusal(status.INVALID_ARGUMENT, `${f} must be a finite number from 0 on, got ${String(v)}`);
    return [f, v];
  })) as Record<(typeof FIGURES)[number], number>;
  return { role, ...figures };
}

function recordOf(req: Request): CallRecord {
  const request = req['request'] && typeof req['request'] === 'object' ? (req['request'] as Record<string, unknown>) : {};
  const entries = Object.entries(request);
  if (entries.length > MAX_FIELDS) throw new ControlRefusal(status.INVALID_ARGUMENT, `request may hold at most ${MAX_FIELDS} fields, got ${entries.length}`);
  const code = req['code'];
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 16) throw new ControlRefusal(status.INVALID_ARGUMENT, `code must be a gRPC status 0..16, got ${String(code)}`);
  return {
    operation: name(req, 'operation', 64), resourceId: text(req, 'resourceId', 256), resourceName: text(req, 'resourceName', 256), code,
    message: text(req, 'message'), caller: text(req, 'caller', 256), sourceIp: text(req, 'sourceIp', 64),
    request: Object.fromEntries(entries.map(([k, v]) => [k, text({ v }, 'v', 256)])),
  };
}

/** ReportHealth and RecordCall: what a node says, attributed to the node its certificate names. */
export function reportsService(reports: NodeReports, admits: Admission | undefined) {
  return {
    ReportHealth: unary(admits, async (caller, req) => {
      reports.health(caller, healthOf(req));
      return {};
    }),
    RecordCall: unary(admits, async (caller, req) => {
      await reports.call(caller, recordOf(req));
      return {};
    }),
  };
}

/** For a control plane nobody reads reports from (tests of the appliance alone). */
export const IGNORED_REPORTS: NodeReports = { health: () => undefined, call: async () => undefined };

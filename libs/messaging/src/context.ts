import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';

export type TraceType = 'ApiCall' | 'ConsoleAction' | 'SystemAction';

/**
 * The gateway's IAM decision, when a service must finish it: for key operations a grant can cover,
 * NoAllow travels on and kms decides from the key's grants. A request without one is NoAllow
 * (docs/bus-security.md): every caller states its decision.
 */
export type IamDecision = 'Allow' | 'NoAllow';

/**
 * Who asks and for which project (docs/architecture.md, "Request path and context"). Services trust
 * these headers only because nothing but the gateway (and DEW's own services) may publish requests.
 */
export interface RequestContext {
  readonly requestId: string;
  readonly projectId: string;
  readonly domainId: string;
  readonly userId: string;
  readonly userName: string;
  readonly sourceIp: string;
  readonly traceType: TraceType;
  readonly iamDecision: IamDecision;
  /**
   * IAM's decision on the second key of an operation that touches two (the row's `secondKey`,
   * re-encrypt's destination); absent on every other request, where it reads as NoAllow.
   */
  readonly secondKeyDecision?: IamDecision;
  /** The access key a verified signature was made with; absent for tokens and DEW's own work. */
  readonly accessKeyId?: string;
  readonly domainName?: string;
  /** The caller is its account's administrator (CTS `principal_is_root_user`). */
  readonly rootUser?: boolean;
  /** The host the request was sent to (CTS `endpoint`). */
  readonly endpoint?: string;
}

/** Who-called headers beyond the core ones, recorded in traces (docs/cts-traces.md). */
const CALLER_H = {
  accessKeyId: 'Dew-Access-Key-Id',
  domainName: 'Dew-Domain-Name',
  rootUser: 'Dew-Root-User',
  endpoint: 'Dew-Endpoint',
} as const;

const H = {
  requestId: 'Dew-Request-Id',
  projectId: 'Dew-Project-Id',
  domainId: 'Dew-Domain-Id',
  userId: 'Dew-User-Id',
  userName: 'Dew-User-Name',
  sourceIp: 'Dew-Source-Ip',
  traceType: 'Dew-Trace-Type',
  iamDecision: 'Dew-Iam-Decision',
  secondKeyDecision: 'Dew-Iam-Decision-Second-Key',
} as const satisfies Record<Exclude<keyof RequestContext, keyof typeof CALLER_H>, string>;

const HEADER_OF_FIELD = Object.entries(H) as [keyof typeof H, string][];

/** The caller fields that are set, as headers. */
function callerHeaders(ctx: RequestContext): Record<string, string> {
  const out: Record<string, string> = {};
  if (ctx.accessKeyId) out[CALLER_H.accessKeyId] = ctx.accessKeyId;
  if (ctx.domainName) out[CALLER_H.domainName] = ctx.domainName;
  if (ctx.rootUser !== undefined) out[CALLER_H.rootUser] = String(ctx.rootUser);
  if (ctx.endpoint) out[CALLER_H.endpoint] = ctx.endpoint;
  return out;
}

/**
 * The context as NATS headers, each name once (a fresh MsgHdrs: `append`, without `set`'s search
 * for an earlier value; docs/performance.md "The bus request path").
 */
export function contextHeaders(ctx: RequestContext): MsgHdrs {
  const h = natsHeaders();
  for (const [field, name] of HEADER_OF_FIELD) {
    const value = ctx[field];
    if (value !== undefined) h.append(name, value);
  }
  for (const [name, value] of Object.entries(callerHeaders(ctx))) h.append(name, value);
  return h;
}

/**
 * The context a request carries; a header absent reads as empty, and the decisions as NoAllow
 * unless they say Allow. One pass over the headers (a header sent twice counts with its first
 * value, as `MsgHdrs.get` reads it).
 */
export function readContext(h: MsgHdrs | undefined): RequestContext {
  const values = new Map<string, string>();
  if (h) for (const [name, all] of h) if (all.length > 0) values.set(name, all[0] ?? '');
  const get = (name: string) => values.get(name) ?? '';
  const traceType = get(H.traceType);
  return {
    requestId: get(H.requestId),
    projectId: get(H.projectId),
    domainId: get(H.domainId),
    userId: get(H.userId),
    userName: get(H.userName),
    sourceIp: get(H.sourceIp),
    traceType: traceType === 'ConsoleAction' || traceType === 'SystemAction' ? traceType : 'ApiCall',
    iamDecision: get(H.iamDecision) === 'Allow' ? 'Allow' : 'NoAllow',
    ...(get(H.secondKeyDecision) ? { secondKeyDecision: get(H.secondKeyDecision) === 'Allow' ? 'Allow' : 'NoAllow' } : {}),
    ...optional('accessKeyId', get(CALLER_H.accessKeyId)),
    ...optional('domainName', get(CALLER_H.domainName)),
    ...(get(CALLER_H.rootUser) ? { rootUser: get(CALLER_H.rootUser) === 'true' } : {}),
    ...optional('endpoint', get(CALLER_H.endpoint)),
  };
}

const optional = <K extends string>(field: K, value: string): Partial<Record<K, string>> => (value ? ({ [field]: value } as Record<K, string>) : {});

/** Context of work DEW starts on its own (schedulers, the runner): a system action, allowed. */
export function systemContext(requestId: string, projectId = '', domainId = ''): RequestContext {
  return { requestId, projectId, domainId, userId: 'system', userName: 'system', sourceIp: '', traceType: 'SystemAction', iamDecision: 'Allow' };
}

/** Who caused a command's events travels beside them (the audit service turns them into traces). */
export function eventHeaders(ctx: RequestContext): Record<string, string> {
  return {
    [H.requestId]: ctx.requestId,
    [H.userId]: ctx.userId,
    [H.userName]: ctx.userName,
    [H.domainId]: ctx.domainId,
    [H.sourceIp]: ctx.sourceIp,
    [H.traceType]: ctx.traceType,
    ...callerHeaders(ctx),
  };
}

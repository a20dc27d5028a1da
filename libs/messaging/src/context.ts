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

/** Every field's header name, for events (`eventHeaders`) and requests that carry no `Dew-Context`. */
const HEADER_OF: Readonly<Record<keyof RequestContext, string>> = { ...H, ...CALLER_H };
const FIELDS = Object.keys(HEADER_OF) as (keyof RequestContext)[];

/**
 * The one header a request's context travels in: the fields that are set, as a JSON object of
 * strings (docs/bus-security.md "The request context"). One header instead of up to thirteen:
 * NATS clients encode, decode and look up headers one by one (docs/performance.md "The bus request
 * path"). JSON escapes CR and LF, so no value can end the header line.
 */
export const CONTEXT_HEADER = 'Dew-Context';

/** The caller fields that are set, as headers. */
function callerHeaders(ctx: RequestContext): Record<string, string> {
  const out: Record<string, string> = {};
  if (ctx.accessKeyId) out[CALLER_H.accessKeyId] = ctx.accessKeyId;
  if (ctx.domainName) out[CALLER_H.domainName] = ctx.domainName;
  if (ctx.rootUser !== undefined) out[CALLER_H.rootUser] = String(ctx.rootUser);
  if (ctx.endpoint) out[CALLER_H.endpoint] = ctx.endpoint;
  return out;
}

/** The context as NATS headers: `Dew-Context` alone. */
export function contextHeaders(ctx: RequestContext): MsgHdrs {
  const packed: Partial<Record<keyof RequestContext, string>> = {};
  for (const field of FIELDS) {
    const value = ctx[field];
    if (value !== undefined && value !== '') packed[field] = String(value);
  }
  const h = natsHeaders();
  h.append(CONTEXT_HEADER, JSON.stringify(packed));
  return h;
}

/**
 * The context a request carries, from `Dew-Context`, or else from one header per field (what a
 * previous release's callers send, and a forger's test: both are trusted alike, by who may publish,
 * docs/bus-security.md). A field absent or not a string reads as empty, and the decisions as
 * NoAllow unless they say Allow.
 */
export function readContext(h: MsgHdrs | undefined): RequestContext {
  const packed = h?.get(CONTEXT_HEADER);
  return contextOf(packed ? fieldsOfJson(packed) : fieldsOfHeaders(h));
}

function fieldsOfJson(packed: string): (field: keyof RequestContext) => string {
  let fields: unknown;
  try {
    fields = JSON.parse(packed);
  } catch {
    fields = undefined;
  }
  const record = typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {};
  return (field) => {
    const value = Object.hasOwn(record, field) ? record[field] : undefined;
    return typeof value === 'string' ? value : '';
  };
}

/** One pass over the headers; a header sent twice counts with its first value (as `MsgHdrs.get` reads it). */
function fieldsOfHeaders(h: MsgHdrs | undefined): (field: keyof RequestContext) => string {
  const values = new Map<string, string>();
  if (h) for (const [name, all] of h) if (all.length > 0) values.set(name, all[0] ?? '');
  return (field) => values.get(HEADER_OF[field]) ?? '';
}

function contextOf(get: (field: keyof RequestContext) => string): RequestContext {
  const traceType = get('traceType');
  const secondKeyDecision = get('secondKeyDecision');
  const rootUser = get('rootUser');
  return {
    requestId: get('requestId'),
    projectId: get('projectId'),
    domainId: get('domainId'),
    userId: get('userId'),
    userName: get('userName'),
    sourceIp: get('sourceIp'),
    traceType: traceType === 'ConsoleAction' || traceType === 'SystemAction' ? traceType : 'ApiCall',
    iamDecision: get('iamDecision') === 'Allow' ? 'Allow' : 'NoAllow',
    ...(secondKeyDecision ? { secondKeyDecision: secondKeyDecision === 'Allow' ? 'Allow' : 'NoAllow' } : {}),
    ...optional('accessKeyId', get('accessKeyId')),
    ...optional('domainName', get('domainName')),
    ...(rootUser ? { rootUser: rootUser === 'true' } : {}),
    ...optional('endpoint', get('endpoint')),
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

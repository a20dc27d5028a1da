import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';

export type TraceType = 'ApiCall' | 'ConsoleAction' | 'SystemAction';

/**
 * The gateway's IAM decision, when a service must finish it: for key operations a grant can cover,
 * NoAllow travels on and kms decides from the key's grants. A request without one is NoAllow
 * (docs/bus-security.md): every caller states its decision.
 */
export type IamDecision = 'Allow' | 'NoAllow';

/**
 * Who asks and for which project (ARCHITECTURE.md "Request path and context"). Services trust
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
}

const H = {
  requestId: 'Dew-Request-Id',
  projectId: 'Dew-Project-Id',
  domainId: 'Dew-Domain-Id',
  userId: 'Dew-User-Id',
  userName: 'Dew-User-Name',
  sourceIp: 'Dew-Source-Ip',
  traceType: 'Dew-Trace-Type',
  iamDecision: 'Dew-Iam-Decision',
} as const satisfies Record<keyof RequestContext, string>;

export function contextHeaders(ctx: RequestContext): MsgHdrs {
  const h = natsHeaders();
  for (const [field, name] of Object.entries(H) as [keyof RequestContext, string][]) {
    const value = ctx[field];
    if (value !== undefined) h.set(name, value);
  }
  return h;
}

export function readContext(h: MsgHdrs | undefined): RequestContext {
  const get = (name: string) => h?.get(name) ?? '';
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
  };
}

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
  };
}

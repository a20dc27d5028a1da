import type { FastifyRequest } from 'fastify';
import { headerValue } from '@dew/aksk';
import type { RequestContext } from '@dew/messaging';
import type { Identity } from '../auth/identity.js';
import { traceTypeOf } from './trace-type.js';

/** The longest host name (RFC 1035) plus a port: a longer Host header is cut, not recorded whole. */
const ENDPOINT_MAX = 261;

/**
 * Who calls and how, as traces record it (docs/cts-traces.md). Only a verified identity names a
 * user, an account or an access key: without one every caller field is empty, whatever the
 * request claims (docs/input-limits.md).
 */
export function callerContext(identity: Identity | undefined, req: FastifyRequest): Omit<RequestContext, 'requestId' | 'projectId' | 'iamDecision'> {
  return {
    domainId: identity?.domainId ?? '',
    userId: identity?.userId ?? '',
    userName: identity?.userName ?? '',
    sourceIp: req.ip,
    traceType: traceTypeOf(req),
    ...(identity ? { domainName: identity.domainName, rootUser: identity.isDomainAdmin } : {}),
    ...(identity?.accessKeyId ? { accessKeyId: identity.accessKeyId } : {}),
    endpoint: (headerValue(req.headers, 'host') ?? '').slice(0, ENDPOINT_MAX),
  };
}

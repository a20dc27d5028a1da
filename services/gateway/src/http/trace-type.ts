import type { FastifyRequest } from 'fastify';
import type { TraceType } from '@dew/messaging';
import { headerValue } from '@dew/aksk';

/**
 * CTS `trace_type` of a request: ConsoleAction when the console made it (a token session, which
 * the console marks with `X-Dew-Client: console`), otherwise ApiCall. SystemAction is never a
 * request: schedulers append with the system context.
 */
export function traceTypeOf(req: FastifyRequest): TraceType {
  return headerValue(req.headers, 'x-auth-token') && headerValue(req.headers, 'x-dew-client') === 'console' ? 'ConsoleAction' : 'ApiCall';
}

import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { authorizationOf, FailureRateLimiter } from '@dew/aksk';
import type { DewError } from '@dew/contracts';
import { Audit, PINO } from '@dew/nest-kit';
import type { Identity } from '../auth/identity.js';
import type { RouteSpec } from '../routes/route.js';
import { callerContext } from './caller-context.js';
import { renderError } from './error-renderer.js';

/** docs/input-limits.md: the user a refusal without a verified caller is recorded under. */
export const UNAUTHENTICATED_USER = 'unauthenticated';

/** `create-key` → `createKey`: the trace name a refused call is recorded under (the row's name, camel-cased). */
const traceName = (route: RouteSpec) => (route.operation?.name ?? route.subject).replace(/[-/_.]([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * Refused requests are audited too: a 4xx is a warning trace, a 5xx an incident, under the caller.
 * A request refused before authentication succeeded has no caller: its trace is under the user
 * `unauthenticated` (no id, no account), never under the access key it merely claims, which is
 * kept apart as `claimed_access_key` (docs/input-limits.md). Those come from anyone, so they are
 * rate-limited per source: a flood cannot fill the AUDIT stream.
 */
@Injectable()
export class RefusalAudit {
  readonly #unauthenticated = new FailureRateLimiter({ capacity: 50, refillPerSecond: 5 });

  constructor(
    private readonly audit: Audit,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  async record(route: RouteSpec, req: FastifyRequest, refusal: DewError, identity: Identity | undefined, requestId: string): Promise<void> {
    const params = (req.params ?? {}) as Record<string, string>;
    if (!identity) {
      if (this.#unauthenticated.isBlocked(req.ip)) return;
      this.#unauthenticated.recordFailure(req.ip);
    }
    const claimedKey = identity ? '' : claimedAccessKey(req);
    await this.audit
      .record(
        {
          requestId,
          projectId: trailProject(route, params, identity),
          ...callerContext(identity, req),
          ...(identity ? {} : { userName: UNAUTHENTICATED_USER }),
          iamDecision: 'NoAllow',
        },
        {
          traceName: traceName(route),
          resourceType: route.subject.split('.')[0] ?? '',
          resourceId: (params.key_id ?? params.secret_name ?? params.secret_id ?? '').slice(0, 64),
          resourceName: '',
          request: { action: route.action, error_code: refusal.code, ...(claimedKey ? { claimed_access_key: claimedKey } : {}) },
          rating: refusal.status >= 500 ? 'incident' : 'warning',
          code: String(refusal.status),
          serviceType: route.style === 'csms' ? 'CSMS' : (route.subject.split('.')[0] ?? '').toUpperCase(),
          response: renderError(route.style, refusal).body,
          message: refusal.message,
          locationInfo: refusal.code,
          readOnly: route.method === 'GET' || route.method === 'HEAD',
        },
      )
      .catch((err: unknown) => this.log.warn({ err, requestId }, 'refused request could not be audited'));
  }
}

/**
 * The project whose trail a refusal joins: the path's, unless a verified caller named a project
 * that is not one of its own — then its own account's trail, so no caller writes into another
 * account's trail at will. (A request without a verified caller joins the path's project,
 * rate-limited per source: its owner should see failed attempts on it.)
 */
function trailProject(route: RouteSpec, params: Record<string, string>, identity: Identity | undefined): string {
  const named = route.projectScoped ? (params.project_id ?? '').slice(0, 64) : '';
  return identity && !identity.projectIds.includes(named) ? '' : named;
}

/** The access key an unverified Authorization header names: what was claimed, not who called. */
function claimedAccessKey(req: FastifyRequest): string {
  const claimed = authorizationOf(req.headers);
  return claimed?.ok ? claimed.value.accessKey.slice(0, 40) : '';
}

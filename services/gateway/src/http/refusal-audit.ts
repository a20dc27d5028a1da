import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { FailureRateLimiter, headerValue, parseAuthorization } from '@dew/aksk';
import type { DewError } from '@dew/contracts';
import { Audit, PINO } from '@dew/nest-kit';
import type { Identity } from '../auth/identity.js';
import type { RouteSpec } from '../routes/route.js';
import { traceTypeOf } from './trace-type.js';

/** `kms.create-key` → `createKey`: the trace name a refused call is recorded under. */
const traceName = (subject: string) => (subject.split('.')[1] ?? subject).replace(/[-/_]([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * Refused requests are audited too (SPEC A1): a 4xx is a warning trace, a 5xx an incident, under
 * the caller — or, when authentication failed, under the access key it claimed. Those come from
 * anyone, so they are rate-limited per source: a flood cannot fill the AUDIT stream.
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
    const authorization = headerValue(req.headers, 'authorization');
    const claimed = authorization ? parseAuthorization(authorization) : undefined;
    const claimedKey = claimed?.ok ? claimed.value.accessKey.slice(0, 40) : '';
    await this.audit
      .record(
        {
          requestId,
          projectId: route.projectScoped ? (params.project_id ?? '').slice(0, 64) : '',
          domainId: identity?.domainId ?? '',
          userId: identity?.userId ?? '',
          userName: identity?.userName ?? (claimedKey ? `access key ${claimedKey}` : 'anonymous'),
          sourceIp: req.ip,
          traceType: traceTypeOf(req),
          iamDecision: 'NoAllow',
        },
        {
          traceName: traceName(route.subject),
          resourceType: route.subject.split('.')[0] ?? '',
          resourceId: (params.key_id ?? params.secret_name ?? params.secret_id ?? '').slice(0, 64),
          resourceName: '',
          request: { action: route.action, error_code: refusal.code },
          rating: refusal.status >= 500 ? 'incident' : 'warning',
          code: String(refusal.status),
          serviceType: route.style === 'csms' ? 'CSMS' : (route.subject.split('.')[0] ?? '').toUpperCase(),
        },
      )
      .catch((err: unknown) => this.log.warn({ err, requestId }, 'refused request could not be audited'));
  }
}

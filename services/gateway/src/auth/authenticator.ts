import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { FailureRateLimiter, ReplayGuard, verifySdkHmacSha256, type IncomingSignedRequest, type VerifyFailureReason } from '@dew/aksk';
import { DewError, type ErrorCode } from '@dew/contracts';
import { request, subjects, type RequestContext } from '@dew/messaging';
import { NATS_CONNECTION } from '@dew/nest-kit';
import type { Identity, ResolvedAccessKey } from './identity.js';

const FAILURE_CODES: Record<VerifyFailureReason, ErrorCode> = {
  missing: 'KMS.0301',
  malformed: 'KMS.0302',
  'unknown-key': 'KMS.0302',
  'bad-signature': 'KMS.0302',
  'date-missing': 'KMS.0302',
  'date-not-signed': 'KMS.0302',
  skew: 'KMS.0303',
};

export interface AuthRequest extends IncomingSignedRequest {
  readonly sourceIp: string;
  readonly requestId: string;
  /** State-changing requests may not reuse a signature (replay guard). */
  readonly changesState: boolean;
}

/**
 * SDK-HMAC-SHA256 at the edge (API.md §4). The SK is fetched from IAM per request, never cached,
 * so disabling a user or an access key stops its signatures at once. Failures are rate-limited
 * per source and per access key before any IAM lookup.
 */
@Injectable()
export class Authenticator {
  readonly #bySource = new FailureRateLimiter({ capacity: 20, refillPerSecond: 2 });
  // Access keys are not secret: a strict per-AK limit would let anyone lock the owner out, so
  // it only stops floods (guessing a 40-character SK is hopeless at any rate).
  readonly #byAccessKey = new FailureRateLimiter({ capacity: 200, refillPerSecond: 20 });
  readonly #replays = new ReplayGuard();

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async authenticate(req: AuthRequest): Promise<Identity> {
    if (this.#bySource.isBlocked(req.sourceIp)) throw tooMany(this.#bySource.retryAfterMs(req.sourceIp));
    let resolved: ResolvedAccessKey | null = null;
    const result = await verifySdkHmacSha256(
      req,
      async (accessKey) => {
        if (this.#byAccessKey.isBlocked(accessKey)) throw tooMany(this.#byAccessKey.retryAfterMs(accessKey));
        resolved = await this.#resolve(accessKey, req);
        return resolved?.secret ?? null;
      },
      new Date(),
    );
    if (!result.ok) {
      this.#bySource.recordFailure(req.sourceIp);
      if (result.accessKey) this.#byAccessKey.recordFailure(result.accessKey);
      throw new DewError(FAILURE_CODES[result.reason], result.message);
    }
    if (req.changesState && !this.#replays.tryUse(result.signature, result.signedAt)) {
      throw new DewError('KMS.0302', 'this signature was already used; sign every request afresh');
    }
    const r = resolved as ResolvedAccessKey | null;
    if (!r) throw new DewError('KMS.0302', `access key ${result.accessKey} is unknown or inactive`);
    return {
      accessKey: result.accessKey,
      userId: r.user_id,
      userName: r.user_name,
      domainId: r.domain_id,
      domainName: r.domain_name,
      isDomainAdmin: r.is_domain_admin,
      projectIds: r.project_ids,
    };
  }

  async #resolve(accessKey: string, req: AuthRequest): Promise<ResolvedAccessKey | null> {
    const ctx: RequestContext = { requestId: req.requestId, projectId: '', domainId: '', userId: '', userName: '', sourceIp: req.sourceIp, traceType: 'ApiCall' };
    try {
      return await request<ResolvedAccessKey>(this.nc, subjects.iam('resolve-access-key'), { access_key: accessKey }, ctx, { timeoutMs: 5000 });
    } catch (err) {
      if (err instanceof DewError && err.code === 'IAM.0002') return null;
      throw err;
    }
  }
}

function tooMany(retryAfterMs: number): DewError {
  return new DewError('KMS.0304', `too many failed authentications; retry in ${Math.ceil(retryAfterMs / 1000)} s`);
}

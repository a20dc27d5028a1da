import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { FailureRateLimiter, ReplayGuard, headerValue, verifySdkHmacSha256, type IncomingSignedRequest, type VerifyFailureReason } from '@dew/aksk';
import { DewError, type ErrorCode } from '@dew/contracts';
import { request, subjects, type RequestContext } from '@dew/messaging';
import { NATS_CONNECTION } from '@dew/nest-kit';
import { toAuthenticated, type Authenticated, type AuthenticationReply, type AuthorizationQuestion } from './identity.js';

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
  /** Calls that create something each time may not reuse a signature (replay guard). */
  readonly changesState: boolean;
  readonly question: AuthorizationQuestion;
}

/**
 * The caller of a request, by SDK-HMAC-SHA256 (API.md §4) or by an IAM token (`X-Auth-Token`),
 * with IAM's decision on the route's action in the same round trip. Nothing is cached, so
 * disabling a user or an access key stops its signatures and tokens at once. Failures are
 * rate-limited per source and per access key before any IAM lookup.
 */
@Injectable()
export class Authenticator {
  readonly #bySource = new FailureRateLimiter({ capacity: 20, refillPerSecond: 2 });
  // Access keys are not secret: a strict per-AK limit would let anyone lock the owner out, so
  // it only stops floods (guessing a 40-character SK is hopeless at any rate).
  readonly #byAccessKey = new FailureRateLimiter({ capacity: 200, refillPerSecond: 20 });
  readonly #replays = new ReplayGuard();

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async authenticate(req: AuthRequest): Promise<Authenticated> {
    if (this.#bySource.isBlocked(req.sourceIp)) throw tooMany(this.#bySource.retryAfterMs(req.sourceIp));
    const token = headerValue(req.headers, 'x-auth-token');
    return token ? this.#byToken(token, req) : this.#bySignature(req);
  }

  async #byToken(token: string, req: AuthRequest): Promise<Authenticated> {
    try {
      return toAuthenticated(await this.#ask({ kind: 'token', token }, req));
    } catch (err) {
      if (err instanceof DewError && (err.code === 'IAM.0002' || err.code === 'KMS.0303')) {
        this.#bySource.recordFailure(req.sourceIp);
        throw new DewError(err.code === 'KMS.0303' ? 'KMS.0303' : 'KMS.0302', err.message);
      }
      throw err;
    }
  }

  async #bySignature(req: AuthRequest): Promise<Authenticated> {
    let resolved: AuthenticationReply | null = null;
    const result = await verifySdkHmacSha256(
      req,
      async (accessKey) => {
        if (this.#byAccessKey.isBlocked(accessKey)) throw tooMany(this.#byAccessKey.retryAfterMs(accessKey));
        resolved = await this.#ask({ kind: 'aksk', access_key: accessKey }, req).catch((err: unknown) => {
          if (err instanceof DewError && err.code === 'IAM.0002') return null;
          throw err;
        });
        return resolved?.secret ?? null;
      },
      new Date(),
    );
    if (!result.ok) {
      this.#bySource.recordFailure(req.sourceIp);
      if (result.accessKey) this.#byAccessKey.recordFailure(result.accessKey);
      // Unknown key and wrong signature read alike, so the answer does not reveal which AKs exist.
      const message = result.reason === 'unknown-key' ? `signature does not match for access key ${result.accessKey}` : result.message;
      throw new DewError(FAILURE_CODES[result.reason], message);
    }
    if (req.changesState && !this.#replays.tryUse(result.signature, result.signedAt)) {
      throw new DewError('KMS.0302', 'this signature was already used; sign every request afresh');
    }
    const reply = resolved as AuthenticationReply | null;
    if (!reply) throw new DewError('KMS.0302', `signature does not match for access key ${result.accessKey}`);
    return toAuthenticated(reply);
  }

  #ask(credential: object, req: AuthRequest): Promise<AuthenticationReply> {
    const ctx: RequestContext = { requestId: req.requestId, projectId: '', domainId: '', userId: '', userName: '', sourceIp: req.sourceIp, traceType: 'ApiCall' };
    return request<AuthenticationReply>(this.nc, subjects.iam('authenticate'), { credential, ...req.question }, ctx, { timeoutMs: 5000 });
  }
}

function tooMany(retryAfterMs: number): DewError {
  return new DewError('KMS.0304', `too many failed authentications; retry in ${Math.ceil(retryAfterMs / 1000)} s`);
}

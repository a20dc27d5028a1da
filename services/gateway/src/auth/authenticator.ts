import { Injectable } from '@nestjs/common';
import { checkSignedRequest, headerValue, signatureMismatch, type IncomingSignedRequest, type VerifyFailureReason } from '@dew/aksk';
import { DewError, iamOperations, type ErrorCode, AuthenticationFailed } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Bus } from '@dew/nest-kit';
import { FailureLimits } from './failure-limits.js';
import { toAuthenticated, type Authenticated, type AuthenticationReply, type AuthorizationQuestion, type Credential } from './identity.js';

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
  /** IAM refuses a second use of the same signature (calls whose answer is itself a credential). */
  readonly singleUseSignature: boolean;
  readonly question: AuthorizationQuestion;
}

/**
 * The caller of a request, by SDK-HMAC-SHA256 (docs/bus-security.md) or by an IAM token
 * (`X-Auth-Token`), with IAM's decision on the route's action in the same round trip. The gateway
 * checks everything but the HMAC (header, date window, canonical request); IAM, which alone holds
 * the SK, checks the HMAC. Nothing is cached, so disabling a user or an access key stops its
 * signatures and tokens at once. Failures are limited per source and per (source, access key).
 */
@Injectable()
export class Authenticator {
  readonly #failures = new FailureLimits();

  constructor(private readonly bus: Bus) {}

  async authenticate(req: AuthRequest): Promise<Authenticated> {
    const token = headerValue(req.headers, 'x-auth-token');
    return token ? this.#byToken(token, req) : this.#bySignature(req);
  }

  async #byToken(token: string, req: AuthRequest): Promise<Authenticated> {
    try {
      return toAuthenticated(await this.#ask({ kind: 'token', token }, req));
    } catch (err) {
      if (err instanceof DewError && (err.code === 'IAM.0002' || err.code === 'KMS.0303')) {
        throw this.#failures.refuse(req.sourceIp, undefined, AuthenticationFailed(err.code === 'KMS.0303' ? 'KMS.0303' : 'KMS.0302', err.message));
      }
      throw err;
    }
  }

  async #bySignature(req: AuthRequest): Promise<Authenticated> {
    const check = checkSignedRequest(req, new Date());
    if (!check.ok) throw this.#failures.refuse(req.sourceIp, check.accessKey, AuthenticationFailed(FAILURE_CODES[check.reason], check.message));
    const { accessKey, signature, stringsToSign } = check;
    const credential: Credential = { kind: 'aksk', access_key: accessKey, string_to_sign: stringsToSign, signature, ...(req.singleUseSignature ? { single_use: true } : {}) };
    const reply = await this.#ask(credential, req).catch((err: unknown) => {
      // Unknown key and wrong signature read alike, so the answer does not reveal which AKs exist.
      if (err instanceof DewError && err.code === 'IAM.0002') return null;
      throw err;
    });
    if (!reply) throw this.#failures.refuse(req.sourceIp, accessKey, AuthenticationFailed('KMS.0302', signatureMismatch(accessKey, check.signedHeaders)));
    return toAuthenticated(reply, accessKey);
  }

  #ask(credential: Credential, req: AuthRequest): Promise<AuthenticationReply> {
    const ctx: RequestContext = { requestId: req.requestId, projectId: '', domainId: '', userId: '', userName: '', sourceIp: req.sourceIp, traceType: 'ApiCall', iamDecision: 'NoAllow' };
    return this.bus.call(iamOperations.authenticate, { credential, ...req.question }, ctx, { timeoutMs: 5000 });
  }
}

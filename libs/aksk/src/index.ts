export * from './canonical-request.js';
export * from './authorization.js';
export * from './sign.js';
export {
  DEFAULT_MAX_SKEW_MS, checkSignedRequest, signatureMatches, signatureMismatch, verifySdkHmacSha256,
  type IncomingSignedRequest, type SecretLookup, type SignedRequestCheck, type VerifyFailure, type VerifyFailureReason, type VerifyOptions,
  type VerifyResult,
} from './verify.js';
export * from './rate-limit.js';

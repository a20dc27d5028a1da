import { timingSafeEqual } from 'node:crypto';
import { authorizationOf } from './authorization.js';
import {
  UNSIGNED_PAYLOAD, canonicalHeaders, canonicalQuery, canonicalRequest, canonicalUri, hasNodeLegacyDifference,
  headerValue, hmacSha256, parseSdkDate, payloadHash, sha256Hex, splitUrl, stringToSign,
} from './canonical-request.js';

export { signSdkHmacSha256 } from './sign.js';

export interface IncomingSignedRequest {
  method: string;
  /** Path and `?query` exactly as received. */
  url: string;
  /** Lowercase names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** Raw body bytes as received; empty when there is none. */
  body: Uint8Array;
}

export type SecretLookup = (accessKey: string) => Promise<string | null> | string | null;

export interface VerifyOptions {
  /** Allowed distance between X-Sdk-Date and `now`; default 15 minutes. */
  maxSkewMs?: number;
  /**
   * Accept `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` (the SDKs send it for non-JSON bodies).
   * Off by default: every DEW API takes JSON, and such a signature does not cover the body.
   */
  allowUnsignedPayload?: boolean;
}

export type VerifyFailureReason =
  | 'missing' | 'malformed' | 'unknown-key' | 'bad-signature' | 'date-missing' | 'date-not-signed' | 'skew';

export type VerifyFailure = { ok: false; reason: VerifyFailureReason; accessKey?: string; message: string };

export type VerifyResult = { ok: true; accessKey: string; signature: string; signedHeaders: readonly string[]; signedAt: Date } | VerifyFailure;

/** A signed request checked as far as possible without the SK (see checkSignedRequest). */
export type SignedRequestCheck =
  | { ok: true; accessKey: string; signature: string; signedHeaders: readonly string[]; signedAt: Date; stringsToSign: string[] }
  | VerifyFailure;

export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

const CONTENT_SHA256 = 'x-sdk-content-sha256';
const SIGNATURE_HEX = /^[0-9a-f]{64}$/;

function printable(s: string): string {
  return /^[\x21-\x7e]{1,64}$/.test(s) ? s : '(not printable)';
}

/**
 * Everything about a signed request that needs no secret key: the Authorization header, the date
 * window, the body hash and the canonical request. The answer carries the strings to sign (two
 * when the Node SDK's legacy path encoding could differ) for whoever holds the SK to check.
 */
export function checkSignedRequest(req: IncomingSignedRequest, now: Date, opts: VerifyOptions = {}): SignedRequestCheck {
  const authorization = headerValue(req.headers, 'authorization');
  if (authorization === undefined || authorization.trim() === '') {
    return { ok: false, reason: 'missing', message: 'the request has no Authorization header; sign it with SDK-HMAC-SHA256' };
  }
  const parsed = authorizationOf(req.headers)!;
  if (!parsed.ok) return { ok: false, reason: 'malformed', message: parsed.message };
  const { accessKey, signedHeaders, signature } = parsed.value;
  const fail = (reason: VerifyFailureReason, message: string): SignedRequestCheck => ({ ok: false, reason, accessKey, message });

  const dateText = headerValue(req.headers, 'x-sdk-date')?.trim();
  if (dateText === undefined) return fail('date-missing', 'the request has no X-Sdk-Date header');
  if (!signedHeaders.includes('x-sdk-date')) return fail('date-not-signed', 'X-Sdk-Date must be listed in SignedHeaders');
  const date = parseSdkDate(dateText);
  if (date === null) return fail('malformed', `X-Sdk-Date ${printable(dateText)} is not of the form YYYYMMDDTHHMMSSZ`);
  const maxSkewMs = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const skewMs = Math.abs(now.getTime() - date.getTime());
  if (skewMs > maxSkewMs) {
    return fail('skew', `X-Sdk-Date ${dateText} is ${Math.round(skewMs / 1000)} s from server time; the limit is ${Math.round(maxSkewMs / 1000)} s`);
  }

  // The header replaces the body in the signed text, so it may stand only if it is signed and
  // truly describes the body; otherwise anyone could swap the body of a captured request.
  const declared = headerValue(req.headers, CONTENT_SHA256)?.trim();
  if (declared !== undefined) {
    if (!signedHeaders.includes(CONTENT_SHA256)) return fail('bad-signature', 'X-Sdk-Content-Sha256 is present but not listed in SignedHeaders');
    if (declared === UNSIGNED_PAYLOAD) {
      if (opts.allowUnsignedPayload !== true) return fail('malformed', 'X-Sdk-Content-Sha256 UNSIGNED-PAYLOAD is not accepted; send a JSON body and sign it');
    } else if (declared.toLowerCase() !== sha256Hex(req.body)) {
      return fail('bad-signature', 'X-Sdk-Content-Sha256 does not match the SHA-256 of the body received');
    }
  }

  const headerLines = canonicalHeaders(req.headers, signedHeaders);
  if (!headerLines.ok) return fail('malformed', `signed header ${headerLines.absent.join(', ')} is absent from the request`);
  const { path, query } = splitUrl(req.url);
  const uri = canonicalUri(path);
  const canonicalQs = canonicalQuery(query);
  if (uri === null || canonicalQs === null) return fail('malformed', 'the request URL holds a broken percent escape');

  const parts = {
    method: req.method,
    uri,
    query: canonicalQs,
    headers: headerLines.value,
    signedHeaders: signedHeaders.join(';'),
    payloadHash: payloadHash(req.headers, req.body),
  };
  const toSign = (u: string): string => stringToSign(dateText, canonicalRequest({ ...parts, uri: u }));
  // The Node SDK signs some path characters twice encoded (see canonicalUri); accept its form too.
  const legacyUri = hasNodeLegacyDifference(path) ? canonicalUri(path, true) : null;
  const stringsToSign = legacyUri === null ? [toSign(uri)] : [toSign(uri), toSign(legacyUri)];
  return { ok: true, accessKey, signature, signedHeaders, signedAt: date, stringsToSign };
}

/** True when `signature` (hex) is the HMAC of one of the strings to sign under `secretKey`; constant time. */
export function signatureMatches(secretKey: string, stringsToSign: readonly string[], signature: string): boolean {
  if (!SIGNATURE_HEX.test(signature)) return false;
  const given = Buffer.from(signature, 'hex');
  let matched = false;
  for (const text of stringsToSign) matched = timingSafeEqual(given, hmacSha256(secretKey, text)) || matched;
  return matched;
}

/** Both halves in one process (tests, tools): the check, the SK lookup, the HMAC comparison. */
export async function verifySdkHmacSha256(
  req: IncomingSignedRequest,
  lookupSecret: SecretLookup,
  now: Date,
  opts: VerifyOptions = {},
): Promise<VerifyResult> {
  const check = checkSignedRequest(req, now, opts);
  if (!check.ok) return check;
  const { accessKey, signature, signedHeaders, signedAt, stringsToSign } = check;
  const secret = await lookupSecret(accessKey);
  if (secret === null) return { ok: false, reason: 'unknown-key', accessKey, message: `access key ${accessKey} is unknown or inactive` };
  if (!signatureMatches(secret, stringsToSign, signature)) {
    return { ok: false, reason: 'bad-signature', accessKey, message: signatureMismatch(accessKey, signedHeaders) };
  }
  return { ok: true, accessKey, signature, signedHeaders, signedAt };
}

/** The refusal text of a signature that does not verify (also for an unknown AK: they read alike). */
export function signatureMismatch(accessKey: string, signedHeaders?: readonly string[]): string {
  const headers = signedHeaders ? ` (${signedHeaders.join(';')})` : '';
  return `signature does not match for access key ${accessKey}; check the SK and the signed method, path, query, headers${headers} and body`;
}

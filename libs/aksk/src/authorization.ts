import { headerValue, SDK_HMAC_SHA256, type HeaderMap } from './canonical-request.js';

/** Read-only: one parse is shared by every reader of a request (authorizationOf), frozen at run time too. */
export interface ParsedAuthorization {
  readonly accessKey: string;
  /** Lowercase names in the order the client listed them. */
  readonly signedHeaders: readonly string[];
  /** Lowercase hex. */
  readonly signature: string;
}

export type AuthorizationParse = { ok: true; value: ParsedAuthorization } | { ok: false; message: string };

// Access keys are echoed in messages and logs, so only plain identifiers get that far.
const ACCESS_KEY = /^[A-Za-z0-9_-]{1,128}$/;
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
const PARAMETERS = new Set(['Access', 'SignedHeaders', 'Signature']);
// The same characters as String.prototype.trim removes, so the scheme ends where trimming would.
const WHITESPACE = /\s/;

function fail(message: string): AuthorizationParse {
  return { ok: false, message };
}

/**
 * Parses `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<a;b>, Signature=<hex>`, tolerating
 * extra spaces around the separators and any order of the three parameters.
 */
export function parseAuthorization(header: string): AuthorizationParse {
  const text = header.trim();
  const gap = text.search(WHITESPACE);
  if (gap < 0) return fail('Authorization must be "SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex>"');
  const scheme = text.slice(0, gap);
  const rest = text.slice(gap).trimStart();
  if (scheme !== SDK_HMAC_SHA256) {
    const shown = /^[A-Za-z0-9-]{1,32}$/.test(scheme) ? scheme : 'given';
    return fail(`Authorization scheme ${shown} is not supported; use ${SDK_HMAC_SHA256}`);
  }
  // Three named slots rather than a Map and closures: this runs on every signed request.
  const params: { Access?: string; SignedHeaders?: string; Signature?: string } = {};
  for (const part of rest.split(',')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (eq < 0 || !PARAMETERS.has(name)) {
      return fail('Authorization parameters must be exactly Access, SignedHeaders and Signature');
    }
    const known = name as keyof typeof params;
    if (params[known] !== undefined) return fail(`Authorization names ${name} twice`);
    params[known] = part.slice(eq + 1).trim();
  }
  const accessKey = params.Access;
  const signedHeadersText = params.SignedHeaders;
  const signature = params.Signature?.toLowerCase();
  if (accessKey === undefined || signedHeadersText === undefined || signature === undefined) {
    return fail('Authorization must carry Access, SignedHeaders and Signature');
  }
  if (!ACCESS_KEY.test(accessKey)) return fail('Authorization Access is not a well-formed access key');
  if (!SIGNATURE.test(signature)) return fail('Authorization Signature must be 64 hex characters');
  const signedHeaders = signedHeadersText.split(';');
  for (let i = 0; i < signedHeaders.length; i++) {
    const name = signedHeaders[i]!.trim().toLowerCase();
    if (!HEADER_NAME.test(name)) return fail('Authorization SignedHeaders must be header names separated by ";"');
    signedHeaders[i] = name;
  }
  return { ok: true, value: { accessKey, signedHeaders, signature } };
}

/** The last parse of each request's headers object (the edge reads the claim, then checks it). */
const parsedOf = new WeakMap<HeaderMap, { readonly header: string; readonly parse: AuthorizationParse }>();

/**
 * `parseAuthorization` of the request's Authorization header (undefined without one), parsed once
 * per request: the gateway reads the claimed access key for its shares before it checks the
 * signature, and both read the same headers object. Kept only while that header is unchanged.
 */
export function authorizationOf(headers: HeaderMap): AuthorizationParse | undefined {
  const header = headerValue(headers, 'authorization');
  if (header === undefined) return undefined;
  const known = parsedOf.get(headers);
  if (known?.header === header) return known.parse;
  // Shared by every reader of the request: frozen, so none can change what the next one reads.
  const parse = parseAuthorization(header);
  if (parse.ok) Object.freeze(Object.freeze(parse.value).signedHeaders);
  parsedOf.set(headers, { header, parse: Object.freeze(parse) });
  return parse;
}

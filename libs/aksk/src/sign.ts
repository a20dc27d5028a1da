import {
  SDK_HMAC_SHA256, canonicalHeaders, canonicalQuery, canonicalRequest, canonicalUri, formatSdkDate, hmacSha256,
  payloadHash, splitUrl, stringToSign,
} from './canonical-request.js';

export interface SignRequest {
  method: string;
  /** Path and query exactly as they will be sent (already percent-encoded). */
  url: string;
  headers?: Readonly<Record<string, string>>;
  body?: Uint8Array | string;
}

export interface Credentials {
  accessKey: string;
  secretKey: string;
}

export interface SignOptions {
  /** Exactly these headers are signed; default: every header given plus `x-sdk-date`. */
  signedHeaders?: readonly string[];
}

export interface SignResult {
  /** The request's headers (lowercase names) plus `x-sdk-date` and `authorization`. */
  headers: Record<string, string>;
  authorization: string;
  signature: string;
  signedHeaders: string[];
  sdkDate: string;
}

/** Client side of SDK-HMAC-SHA256, with the same canonicalization the verifier uses. */
export function signSdkHmacSha256(req: SignRequest, creds: Credentials, now: Date, opts: SignOptions = {}): SignResult {
  const sdkDate = formatSdkDate(now);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  delete headers['authorization'];
  headers['x-sdk-date'] = sdkDate;

  const signedHeaders = opts.signedHeaders?.map((h) => h.toLowerCase()) ?? Object.keys(headers).sort();
  const { path, query } = splitUrl(req.url);
  const uri = canonicalUri(path);
  const canonicalQs = canonicalQuery(query);
  const headerLines = canonicalHeaders(headers, signedHeaders);
  if (uri === null || canonicalQs === null) throw new Error(`url ${req.url} holds a broken percent escape`);
  if (!headerLines.ok) throw new Error(`signed headers ${headerLines.absent.join(', ')} are not set on the request`);

  const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body ?? new Uint8Array();
  const canonical = canonicalRequest({
    method: req.method,
    uri,
    query: canonicalQs,
    headers: headerLines.value,
    signedHeaders: signedHeaders.join(';'),
    payloadHash: payloadHash(headers, body),
  });
  const signature = hmacSha256(creds.secretKey, stringToSign(sdkDate, canonical)).toString('hex');
  const authorization = `${SDK_HMAC_SHA256} Access=${creds.accessKey}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  headers['authorization'] = authorization;
  return { headers, authorization, signature, signedHeaders, sdkDate };
}

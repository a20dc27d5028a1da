import { createHmac, hash } from 'node:crypto';

export const SDK_HMAC_SHA256 = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export type HeaderMap = Readonly<Record<string, string | readonly string[] | undefined>>;

const HEX = '0123456789ABCDEF';
const SLASH = 0x2f;
const PLAIN_PATH = /^[A-Za-z0-9\-_.~/]*$/;

/**
 * Bytes that `url.parse` (used by the Node SDK to take the path it signs) escapes by itself;
 * the signer then encodes the `%` again, so these end up as `%25XX` in its canonical URI.
 */
const NODE_LEGACY_AUTO_ESCAPED = new Set([0x09, 0x0a, 0x0d, 0x20, 0x22, 0x27, 0x3c, 0x3e, 0x5c, 0x5e, 0x60, 0x7b, 0x7c, 0x7d]);

function isUnreserved(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
    || b === 0x2d || b === 0x5f || b === 0x2e || b === 0x7e;
}

function hexByte(b: number): string {
  return `%${HEX[b >> 4]}${HEX[b & 0x0f]}`;
}

/** Percent-encodes bytes, keeping `A-Za-z0-9-_.~`; hex digits are upper case. */
export function encodeBytes(bytes: Uint8Array, nodeLegacy = false): string {
  let out = '';
  for (const b of bytes) {
    if (isUnreserved(b)) out += String.fromCharCode(b);
    else if (nodeLegacy && NODE_LEGACY_AUTO_ESCAPED.has(b)) out += `%25${hexByte(b).slice(1)}`;
    else out += hexByte(b);
  }
  return out;
}

/** Encodes the UTF-8 bytes of `s` the way all three SDKs do. */
export function percentEncode(s: string): string {
  return encodeBytes(Buffer.from(s, 'utf8'));
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * Decodes `%XX` (and `+` as space when asked) to raw bytes, so invalid UTF-8 survives a
 * decode/encode round trip as Go's unescape does. Returns null for a broken escape.
 */
export function percentDecode(s: string, plusAsSpace: boolean): Buffer | null {
  const src = Buffer.from(s, 'utf8');
  const out = Buffer.alloc(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === 0x25) {
      const hi = i + 2 < src.length ? hexValue(src[i + 1]!) : -1;
      const lo = hi >= 0 ? hexValue(src[i + 2]!) : -1;
      if (lo < 0) return null;
      out[n++] = (hi << 4) | lo;
      i += 2;
    } else {
      out[n++] = plusAsSpace && c === 0x2b ? 0x20 : c;
    }
  }
  return out.subarray(0, n);
}

/** Splits a request target as received into its raw path and raw query. */
export function splitUrl(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

function splitBytes(bytes: Buffer, sep: number): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === sep) {
      parts.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  return parts;
}

/**
 * Canonical URI of a raw (still percent-encoded) path. `nodeLegacy` reproduces the Node SDK's
 * double encoding of the characters `url.parse` escapes (space, quote, apostrophe, …).
 * Returns null when the path holds a broken `%` escape.
 */
export function canonicalUri(rawPath: string, nodeLegacy = false): string | null {
  // A path of unreserved characters and slashes (nearly every API path) encodes to itself.
  if (PLAIN_PATH.test(rawPath)) return rawPath.endsWith('/') ? rawPath : `${rawPath}/`;
  const decoded = percentDecode(rawPath, false);
  if (decoded === null) return null;
  const uri = splitBytes(decoded, SLASH).map((seg) => encodeBytes(seg, nodeLegacy)).join('/');
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** True when `canonicalUri(p, true)` can differ from `canonicalUri(p)`. */
export function hasNodeLegacyDifference(rawPath: string): boolean {
  if (PLAIN_PATH.test(rawPath)) return false;
  const decoded = percentDecode(rawPath, false);
  return decoded !== null && decoded.some((b) => NODE_LEGACY_AUTO_ESCAPED.has(b));
}

/**
 * Canonical query string of a raw query: pairs sorted by decoded key, then by decoded value
 * (byte order, as Go sorts), `+` read as space, a key without `=` has the empty value.
 * Returns null when a key or value holds a broken `%` escape.
 */
export function canonicalQuery(rawQuery: string): string | null {
  const pairs: Array<[Buffer, Buffer]> = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = percentDecode(eq < 0 ? part : part.slice(0, eq), true);
    const value = percentDecode(eq < 0 ? '' : part.slice(eq + 1), true);
    if (key === null || value === null) return null;
    pairs.push([key, value]);
  }
  pairs.sort(([ka, va], [kb, vb]) => Buffer.compare(ka, kb) || Buffer.compare(va, vb));
  return pairs.map(([k, v]) => `${encodeBytes(k)}=${encodeBytes(v)}`).join('&');
}

/** Value of a header by lowercase name; repeated values are joined with ','. */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : v.join(',');
}

/**
 * `name:value\n` for each signed header in the order given, values trimmed. Returns the names
 * that are absent from the request instead when there are any.
 */
export function canonicalHeaders(headers: HeaderMap, signedHeaders: readonly string[]): { ok: true; value: string } | { ok: false; absent: string[] } {
  const absent: string[] = [];
  let value = '';
  for (const raw of signedHeaders) {
    const name = raw.toLowerCase();
    const v = headerValue(headers, name);
    if (v === undefined) absent.push(name);
    else value += `${name}:${v.trim()}\n`;
  }
  return absent.length > 0 ? { ok: false, absent } : { ok: true, value };
}

/** One-shot `crypto.hash`: for texts this short a third of the cost of a Hash object (docs/performance.md). */
export function sha256Hex(data: Uint8Array | string): string {
  return hash('sha256', data, 'hex');
}

/** `X-Sdk-Content-Sha256` when present, else SHA-256 of the body bytes as received. */
export function payloadHash(headers: HeaderMap, body: Uint8Array): string {
  return headerValue(headers, 'x-sdk-content-sha256')?.trim() ?? sha256Hex(body);
}

export interface CanonicalParts {
  method: string;
  uri: string;
  query: string;
  headers: string;
  signedHeaders: string;
  payloadHash: string;
}

export function canonicalRequest(p: CanonicalParts): string {
  return [p.method, p.uri, p.query, p.headers, p.signedHeaders, p.payloadHash].join('\n');
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return `${SDK_HMAC_SHA256}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

export function hmacSha256(secretKey: string, data: string): Buffer {
  return createHmac('sha256', Buffer.from(secretKey, 'utf8')).update(data, 'utf8').digest();
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function formatSdkDate(d: Date): string {
  const year = d.getUTCFullYear();
  // Outside four-digit years ISO 8601 adds a sign and digits; keep its form there.
  if (year < 0 || year > 9999) return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `${pad(year, 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}Z`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Parses `YYYYMMDDTHHMMSSZ`; null when the text is not exactly a valid UTC instant: each field in
 * its calendar range, and a year of at least 100 (`Date.UTC` reads 0–99 as 1900–1999).
 */
export function parseSdkDate(s: string): Date | null {
  if (s.length !== 16 || s.charCodeAt(8) !== 0x54 /* T */ || s.charCodeAt(15) !== 0x5a /* Z */) return null;
  const y = digits(s, 0, 4);
  const mo = digits(s, 4, 6);
  const d = digits(s, 6, 8);
  const h = digits(s, 9, 11);
  const mi = digits(s, 11, 13);
  const se = digits(s, 13, 15);
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) return null;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se));
}

/** The decimal number in s[from, to), or -1 unless every character there is an ASCII digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

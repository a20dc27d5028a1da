import { DewError, type ErrorCode } from './errors.js';

/** docs/input-limits.md: the deepest nesting of objects and arrays a request body may have. */
export const MAX_JSON_DEPTH = 32;
/** docs/input-limits.md: the largest request body, at the edge and in every service's decoder. */
export const MAX_JSON_BYTES = 1024 * 1024;

/** The body shape of the service answering: each refuses bad JSON in its own code family. */
export type ErrorFamily = 'kms' | 'csms' | 'kps' | 'dhsm' | 'cts' | 'iam';

export const BAD_JSON_CODE: Readonly<Record<ErrorFamily, ErrorCode>> = { kms: 'KMS.0202', csms: 'CSMS.0002', kps: 'KPS.0002', dhsm: 'DHSM.0002', cts: 'CTS.0003', iam: 'IAM.0001' };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * The deepest nesting of objects and arrays in UTF-8 JSON bytes, without parsing. Bracket and
 * quote bytes never occur inside a multi-byte UTF-8 sequence, so a byte scan is exact; string
 * contents (escaped quotes included) are skipped. Malformed text is left to JSON.parse to refuse.
 */
export function jsonNestingDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}

/**
 * True when the bytes hold at most `limit` opening brackets in all (inside strings too), so they
 * cannot nest deeper than `limit`: most bodies have a handful, and native byte searches count
 * them for a fraction of jsonNestingDepth's byte-by-byte pass.
 */
function openingsAtMost(bytes: Uint8Array, limit: number): boolean {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let seen = 0;
  for (const opening of [OPEN_BRACE, OPEN_BRACKET]) {
    for (let at = buf.indexOf(opening); at !== -1; at = buf.indexOf(opening, at + 1)) if (++seen > limit) return false;
  }
  return true;
}

const utf8 = new TextDecoder();

/**
 * A request body (or a JSON document inside one, named by `what`) as JSON, refused with `code`
 * (400) when it is larger than MAX_JSON_BYTES, nests deeper than MAX_JSON_DEPTH or is not JSON:
 * deep nesting would otherwise overflow the stack of every recursive step after parsing
 * (validation, serialisation) and answer 500. The parser's own message is not echoed: it quotes
 * the input, which may hold a secret.
 */
export function decodeJsonBody(bytes: Uint8Array, code: ErrorCode, what = 'request body'): unknown {
  if (bytes.length > MAX_JSON_BYTES) {
    throw new DewError(code, `${what} must be at most ${MAX_JSON_BYTES} bytes, got ${bytes.length}`, 400);
  }
  const depth = openingsAtMost(bytes, MAX_JSON_DEPTH) ? 0 : jsonNestingDepth(bytes);
  if (depth > MAX_JSON_DEPTH) {
    throw new DewError(code, `${what} may nest objects and arrays at most ${MAX_JSON_DEPTH} levels deep, got ${depth}`, 400);
  }
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch (err) {
    const position = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new DewError(code, `${what} is not valid JSON${position ? ` (at character ${position})` : ''}`, 400);
  }
}

/** Each family's own internal fault (docs/api-decisions.md, "Error families"): an unknown failure leaves its service as this. */
export const INTERNAL_ERROR_CODE: Readonly<Record<ErrorFamily, ErrorCode>> = { kms: 'KMS.0101', csms: 'CSMS.0500', kps: 'KPS.0500', dhsm: 'DHSM.0500', cts: 'CTS.0005', iam: 'IAM.0008' };

import fc from 'fast-check';
import { MAX_JSON_BYTES, MAX_JSON_DEPTH } from '@dew/contracts';
import { jsonObject, type JsonObject } from './field-values.js';
import { hostileString, jsonText, nestedArrays, RawJson, VERY_LONG_ID } from './hostile-values.js';

/** Percent-encodes every byte of the UTF-8 text but RFC 3986's unreserved characters (a lone surrogate becomes U+FFFD). */
export function percentEncode(text: string): string {
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Path segments sent as they are (already escaped): traversal, encoded slashes and NULs, broken UTF-8, a very long id. */
export const HOSTILE_SEGMENTS = [
  '..', '.', '%2e%2e', '%2E', '..%2F..%2Fetc%2Fpasswd', '%2F', 'a%2Fb', '%00', 'a%00b', '%ED%A0%80', '%FF', '%C0%AF', '%20', '%25', '~', ';x=1',
  'x'.repeat(VERY_LONG_ID), '0'.repeat(36), '00000000-0000-0000-0000-000000000000', 'ffffffffffffffffffffffffffffffff', 'NULL', '-1', '*',
];

/**
 * A hostile path segment: at most VERY_LONG_ID characters, so the path arrives whole in the
 * server's first read even when the query makes the request line too long (its 431 then names
 * the path's family; a path cut off by the read can name none: docs/input-limits.md).
 */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
  { weight: 1, arbitrary: hostileString.map(percentEncode).filter((s) => s.length <= VERY_LONG_ID) },
);

/** `k=v` pairs of a query; arrays repeat their key, non-strings travel as JSON text. */
export function queryOf(fields: JsonObject): string {
  return Object.entries(fields)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((item) => `${percentEncode(k)}=${percentEncode(typeof item === 'string' ? item : jsonText(item))}`))
    .join('&');
}

/** Query strings no route expects: repeated and bracketed keys, empty pairs, NULs, a very long one. */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('limit=1&limit=2', 'a[b]=c', 'a[]=1&a[]=2', '=x', '&&&', 'x', '__proto__[x]=1', 'constructor=1', '%00=%00', 'limit=%00', 'marker=-1', 'limit=1e309', 'limit=NaN', `q=${'x'.repeat(VERY_LONG_ID)}`),
  fc.tuple(hostileString, hostileString).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`),
);

/** Bodies that are not the object a route reads: scalars, arrays, broken JSON, duplicate keys, bytes that are not UTF-8. */
export const oddBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom<string | Buffer>(
    '', ' ', '{', '}', '[]', '[{}]', 'null', 'true', '0', '"x"', '1e309', '{"a":1,"a":2}', '\ufeff{}', '{}garbage', '{"a":}', "{'a':1}", '{"a":1,}',
    '{"\\ud800":1}', `[${'0,'.repeat(100_000)}0]`, `{"${'k'.repeat(VERY_LONG_ID)}":1}`, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), Buffer.from([0xc0, 0x80]),
  ),
  fc.json({ maxDepth: 3 }),
);

/** The body with a field nested so the whole is `MAX_JSON_DEPTH` − 1 … + 2 levels deep: both sides of the limit. */
export function depthEdge(base: JsonObject, field: string): fc.Arbitrary<string> {
  return fc.integer({ min: MAX_JSON_DEPTH - 1, max: MAX_JSON_DEPTH + 2 }).map((total) => jsonText(jsonObject([...Object.entries(base), [field, nestedArrays(total - 1)]])));
}

/** The body padded by a string field to `MAX_JSON_BYTES` − 1 … + 1 bytes (with two-byte characters now and then). */
export function sizeEdge(base: JsonObject, field: string): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: -1, max: 1 }), fc.boolean()).map(([delta, twoByte]) => {
    const empty = jsonText(jsonObject([...Object.entries(base), [field, '']]));
    const room = MAX_JSON_BYTES + delta - Buffer.byteLength(empty);
    const pad = twoByte ? `${'é'.repeat(Math.floor(room / 2))}${room % 2 ? 'a' : ''}` : 'a'.repeat(room);
    return jsonText(jsonObject([...Object.entries(base), [field, new RawJson(JSON.stringify(pad))]]));
  });
}

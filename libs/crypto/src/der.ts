/**
 * The little DER this library reads and writes itself (SEQUENCE, INTEGER, OCTET STRING, BIT STRING,
 * OID): SM2 keys and ciphertexts, which node:crypto on OpenSSL 3.0 cannot export or parse, and the
 * curve of a PKCS#8 key checked before node:crypto is handed it. Definite lengths only; any
 * malformation reads as null.
 */
export interface Tlv {
  readonly tag: number;
  readonly body: Uint8Array;
  /** Offset just past this element in the buffer it was read from. */
  readonly end: number;
}

export function readTlv(buf: Uint8Array, at = 0): Tlv | null {
  const tag = buf[at];
  let len = buf[at + 1];
  if (tag === undefined || len === undefined) return null;
  let start = at + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count < 1 || count > 3 || start + count > buf.length) return null;
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + buf[start + i]!;
    start += count;
    if (len < 0x80) return null;
  }
  const end = start + len;
  return end > buf.length ? null : { tag, body: buf.subarray(start, end), end };
}

/** The elements of a constructed body, or null if they do not fill it exactly. */
export function readAll(body: Uint8Array): Tlv[] | null {
  const out: Tlv[] = [];
  for (let at = 0; at < body.length; ) {
    const tlv = readTlv(body, at);
    if (!tlv) return null;
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

/** A whole buffer that is exactly one element of the tag, its children read. */
export function readSequence(buf: Uint8Array, tag = 0x30): Tlv[] | null {
  const outer = readTlv(buf);
  return outer && outer.tag === tag && outer.end === buf.length ? readAll(outer.body) : null;
}

/** A minimal non-negative INTEGER body as unsigned big-endian bytes, at most `max` long. */
export function unsignedInteger(tlv: Tlv | undefined, max: number): Uint8Array | null {
  if (!tlv || tlv.tag !== 0x02 || tlv.body.length < 1) return null;
  const b = tlv.body;
  if (b[0]! & 0x80) return null;
  if (b.length > 1 && b[0] === 0 && !(b[1]! & 0x80)) return null;
  const value = b[0] === 0 && b.length > 1 ? b.subarray(1) : b;
  return value.length > max ? null : value;
}

export function encode(tag: number, ...parts: Uint8Array[]): Buffer {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.of(tag, ...len), body]);
}

/** INTEGER of an unsigned big-endian value, minimal. */
export function encodeUnsigned(value: Uint8Array): Buffer {
  let at = 0;
  while (at < value.length - 1 && value[at] === 0) at++;
  const trimmed = value.subarray(at);
  return encode(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.of(0), trimmed]) : trimmed);
}

export const bigintBytes = (v: bigint, size: number): Buffer => Buffer.from(v.toString(16).padStart(size * 2, '0'), 'hex');
export const bytesBigint = (b: Uint8Array): bigint => (b.length === 0 ? 0n : BigInt(`0x${Buffer.from(b).toString('hex')}`));

export const OID = {
  ecPublicKey: Buffer.from('06072a8648ce3d0201', 'hex'),
  sm2: Buffer.from('06082a811ccf5501822d', 'hex'),
} as const;

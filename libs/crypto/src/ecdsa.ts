import { createECDH, randomBytes, type ECDH, type KeyObject } from 'node:crypto';
import { DewError } from './refusal.js';

/**
 * ECDSA over a caller-supplied digest (FIPS 186-4 §6.4). node:crypto cannot do this: on Node 20 /
 * OpenSSL 3, crypto.sign(null, digest, ecKey) hashes its input with SHA-256 first (the EC default
 * digest), and no API reaches EVP_PKEY_sign for EC keys. So the point multiplications run in
 * OpenSSL through ECDH (constant time for secret scalars) and only the mod-n / mod-p arithmetic is
 * BigInt. BigInt is not constant time: the nonce is blinded before its inversion.
 */
interface Curve {
  readonly ecdhName: string;
  readonly label: string;
  readonly bytes: number;
  readonly p: bigint;
  readonly n: bigint;
  readonly b: bigint;
  ecdh?: ECDH;
}

// y² = x³ − 3x + b over GF(p) (a = −3, used by the doubling in add), group order n (FIPS 186-4 D.1.2).
const CURVES: Readonly<Record<string, Curve>> = {
  'P-256': {
    ecdhName: 'prime256v1',
    label: 'P-256',
    bytes: 32,
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  },
  'P-384': {
    ecdhName: 'secp384r1',
    label: 'P-384',
    bytes: 48,
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  },
};

interface Point {
  readonly x: bigint;
  readonly y: bigint;
}

interface EcKey {
  readonly curve: Curve;
  readonly Q: Point;
  readonly d: bigint | undefined;
}

// Parsed once per KeyObject: callers hold KeyObjects in their material cache.
const keys = new WeakMap<KeyObject, EcKey>();

const toBig = (bytes: Uint8Array): bigint => (bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex')}`));
const toBytes = (v: bigint, length: number): Buffer => Buffer.from(v.toString(16).padStart(length * 2, '0'), 'hex');
const mod = (a: bigint, m: bigint): bigint => {
  const r = a % m;
  return r < 0n ? r + m : r;
};

/** a⁻¹ mod m (m prime, a ≢ 0), extended Euclid. */
function invert(a: bigint, m: bigint): bigint {
  let r0 = m;
  let r1 = mod(a, m);
  let t0 = 0n;
  let t1 = 1n;
  while (r1 !== 0n) {
    const q = r0 / r1;
    const r2 = r0 - q * r1;
    r0 = r1;
    r1 = r2;
    const t2 = t0 - q * t1;
    t0 = t1;
    t1 = t2;
  }
  if (r0 !== 1n) throw new Error('internal: value has no inverse');
  return mod(t0, m);
}

function ecdhOf(curve: Curve): ECDH {
  curve.ecdh ??= createECDH(curve.ecdhName);
  return curve.ecdh;
}

/** k·G, k in [1, n−1]. */
function mulBase(curve: Curve, k: bigint): Point {
  const ecdh = ecdhOf(curve);
  ecdh.setPrivateKey(toBytes(k, curve.bytes));
  const raw = ecdh.getPublicKey();
  return { x: toBig(raw.subarray(1, 1 + curve.bytes)), y: toBig(raw.subarray(1 + curve.bytes)) };
}

/** x(k·P), k in [1, n−1], P a point on the curve. */
function mulX(curve: Curve, k: bigint, point: Point): bigint {
  const ecdh = ecdhOf(curve);
  ecdh.setPrivateKey(toBytes(k, curve.bytes));
  return toBig(ecdh.computeSecret(Buffer.concat([Buffer.of(0x04), toBytes(point.x, curve.bytes), toBytes(point.y, curve.bytes)])));
}

/** Affine addition; null is the point at infinity. */
function add(curve: Curve, a: Point | null, b: Point | null): Point | null {
  if (!a) return b;
  if (!b) return a;
  const { p } = curve;
  let lambda: bigint;
  if (a.x === b.x) {
    if (mod(a.y + b.y, p) === 0n) return null;
    lambda = mod((3n * a.x * a.x - 3n) * invert(2n * a.y, p), p);
  } else {
    lambda = mod((b.y - a.y) * invert(b.x - a.x, p), p);
  }
  const x = mod(lambda * lambda - a.x - b.x, p);
  return { x, y: mod(lambda * (a.x - x) - a.y, p) };
}

function ecKey(key: KeyObject): EcKey {
  const known = keys.get(key);
  if (known) return known;
  const jwk = key.export({ format: 'jwk' });
  const curve = jwk.crv !== undefined && Object.hasOwn(CURVES, jwk.crv) ? CURVES[jwk.crv] : undefined;
  if (!curve || jwk.x === undefined || jwk.y === undefined) {
    throw new DewError('KMS.0308', `ECDSA supports the curves P-256 and P-384, this key is on ${jwk.crv ?? 'an unknown curve'}`);
  }
  const x = Buffer.from(jwk.x, 'base64url');
  const y = Buffer.from(jwk.y, 'base64url');
  const parsed: EcKey = {
    curve,
    Q: { x: toBig(x), y: toBig(y) },
    d: jwk.d === undefined ? undefined : toBig(Buffer.from(jwk.d, 'base64url')),
  };
  keys.set(key, parsed);
  return parsed;
}

/** The curve's name (P-256, P-384) or a KMS.0308 for any other curve. */
export function ecCurveLabel(key: KeyObject): string {
  return ecKey(key).curve.label;
}

/** bits2int: the digest's leftmost bits up to the order's length (P-256, P-384 are whole bytes). */
function digestInt(curve: Curve, digest: Uint8Array): bigint {
  return toBig(digest.length > curve.bytes ? digest.subarray(0, curve.bytes) : digest);
}

/** Two independent uniform scalars in [1, n−1] (rejection sampling; one RNG call). */
function twoScalars(curve: Curve): [{ k: bigint; bytes: Buffer }, bigint] {
  for (;;) {
    const bytes = randomBytes(2 * curve.bytes);
    const first = bytes.subarray(0, curve.bytes);
    const k = toBig(first);
    const beta = toBig(bytes.subarray(curve.bytes));
    if (k !== 0n && k < curve.n && beta !== 0n && beta < curve.n) return [{ k, bytes: first }, beta];
  }
}

export function ecdsaSignDigest(privateKey: KeyObject, digest: Uint8Array): Buffer {
  const { curve, d } = ecKey(privateKey);
  if (d === undefined) throw new TypeError('ECDSA signing needs a private key');
  const { n } = curve;
  const e = digestInt(curve, digest);
  const ecdh = ecdhOf(curve);
  for (;;) {
    const [nonce, beta] = twoScalars(curve);
    ecdh.setPrivateKey(nonce.bytes);
    const r = toBig(ecdh.getPublicKey().subarray(1, 1 + curve.bytes)) % n;
    if (r === 0n) continue;
    // s = k⁻¹(e + r·d), computed as (k·β)⁻¹ · β(e + r·d) so the inversion never sees k itself.
    const s = (invert((nonce.k * beta) % n, n) * ((beta * ((e + r * d) % n)) % n)) % n;
    if (s === 0n) continue;
    return derSignature(r, s);
  }
}

export function ecdsaVerifyDigest(publicKey: KeyObject, digest: Uint8Array, signature: Uint8Array): boolean {
  const key = ecKey(publicKey);
  const { curve } = key;
  const { n } = curve;
  const rs = parseDerSignature(signature, curve.bytes);
  if (!rs) return false;
  const [r, s] = rs;
  if (r <= 0n || r >= n || s <= 0n || s >= n) return false;
  // R = u1·G + u2·Q with u1 = e/s, u2 = r/s, rewritten as u2·(Q + (e/r)·G): one fixed-base
  // multiple, one affine addition, then x(u2·T) from ECDH, so no y of a variable-base multiple is
  // ever needed. u2 ≠ 0 since r, s ≠ 0.
  const u2 = (r * invert(s, n)) % n;
  const c = (digestInt(curve, digest) * invert(r, n)) % n;
  const t = add(curve, key.Q, c === 0n ? null : mulBase(curve, c));
  return t !== null && mulX(curve, u2, t) % n === r;
}

function derInteger(v: bigint): Buffer {
  const hex = v.toString(16);
  const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  return bytes[0]! & 0x80 ? Buffer.concat([Buffer.of(0), bytes]) : bytes;
}

/** SEQUENCE { INTEGER r, INTEGER s }; short-form lengths suffice up to P-384. */
function derSignature(r: bigint, s: bigint): Buffer {
  const R = derInteger(r);
  const S = derInteger(s);
  return Buffer.concat([Buffer.of(0x30, 4 + R.length + S.length, 0x02, R.length), R, Buffer.of(0x02, S.length), S]);
}

/** Strict DER (as OpenSSL verifies): exact lengths, minimal non-negative integers. */
function parseDerSignature(sig: Uint8Array, scalarBytes: number): [bigint, bigint] | null {
  if (sig.length < 8 || sig[0] !== 0x30 || sig[1] !== sig.length - 2) return null;
  let at = 2;
  const readInt = (): bigint | null => {
    const len = sig[at + 1];
    if (sig[at] !== 0x02 || len === undefined || len < 1 || len > scalarBytes + 1 || at + 2 + len > sig.length) return null;
    const body = sig.subarray(at + 2, at + 2 + len);
    if (body[0]! & 0x80) return null;
    if (len > 1 && body[0] === 0 && !(body[1]! & 0x80)) return null;
    at += 2 + len;
    return toBig(body);
  };
  const r = readInt();
  const s = r === null ? null : readInt();
  return r === null || s === null || at !== sig.length ? null : [r, s];
}

import { randomBytes, type KeyObject } from 'node:crypto';
import { p256, p384 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { InvalidKmsParameter } from '@dew/contracts';

/**
 * ECDSA over a caller-supplied digest (FIPS 186-4 §6.4). node:crypto cannot do this: on Node 20 /
 * OpenSSL 3, crypto.sign(null, digest, ecKey) hashes its input with SHA-256 first (the EC default
 * digest), and no API reaches EVP_PKEY_sign for EC keys. So the arithmetic is @noble/curves (audited,
 * maintained, written to run in the same time whatever the secret): it signs a ready digest
 * (`prehash: false`), derives the nonce by RFC 6979 hedged with fresh random bytes, and answers low-S
 * signatures only (docs/input-limits.md).
 */
type Noble = typeof p256 | typeof secp256k1;

interface Curve {
  readonly label: string;
  readonly bytes: number;
  readonly noble: Noble;
}

// Wider fixed-base tables than the default: about twice the signatures per second, built on first use.
const BASE_WINDOW_BITS = 8;
for (const noble of [p256, p384, secp256k1]) noble.Point.BASE.precompute(BASE_WINDOW_BITS);

const CURVES: Readonly<Record<string, Curve>> = {
  'P-256': { label: 'P-256', bytes: 32, noble: p256 },
  'P-384': { label: 'P-384', bytes: 48, noble: p384 },
  secp256k1: { label: 'secp256k1', bytes: 32, noble: secp256k1 },
};

interface EcKey {
  readonly curve: Curve;
  /** Uncompressed SEC1 point 04‖x‖y. */
  readonly publicPoint: Uint8Array;
  /** The private scalar, big-endian, curve-sized; absent for a public key. */
  readonly secret: Uint8Array | undefined;
}

// Parsed once per KeyObject: callers hold KeyObjects in their material cache.
const keys = new WeakMap<KeyObject, EcKey>();

function ecKey(key: KeyObject): EcKey {
  const known = keys.get(key);
  if (known) return known;
  const jwk = key.export({ format: 'jwk' });
  const curve = jwk.crv !== undefined && Object.hasOwn(CURVES, jwk.crv) ? CURVES[jwk.crv] : undefined;
  if (!curve || jwk.x === undefined || jwk.y === undefined) {
    throw InvalidKmsParameter(`ECDSA supports the curves P-256, P-384 and secp256k1, this key is on ${jwk.crv ?? 'an unknown curve'}`);
  }
  const parsed: EcKey = {
    curve,
    publicPoint: Buffer.concat([Buffer.of(0x04), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]),
    secret: jwk.d === undefined ? undefined : Buffer.from(jwk.d, 'base64url'),
  };
  keys.set(key, parsed);
  return parsed;
}

/** The curve's name (P-256, P-384, secp256k1) or a KMS.0308 for any other curve. */
export function ecCurveLabel(key: KeyObject): string {
  return ecKey(key).curve.label;
}

/** A DER signature, s ≤ n/2. A digest longer than the order is cut to its leftmost bits (bits2int). */
export function ecdsaSignDigest(privateKey: KeyObject, digest: Uint8Array): Buffer {
  const { curve, secret } = ecKey(privateKey);
  if (secret === undefined) throw new TypeError('ECDSA signing needs a private key');
  // The hedge enters the nonce derivation only; it is wiped once the signature exists.
  const hedge = randomBytes(curve.bytes);
  try {
    return Buffer.from(curve.noble.sign(digest, secret, { prehash: false, lowS: true, extraEntropy: hedge, format: 'der' }));
  } finally {
    hedge.fill(0);
  }
}

/**
 * OpenSSL's own signature (RAW messages) as its low-S twin (r, n − s) when s > n/2, so every ECDSA
 * signature DEW makes is low-S. s is public once signed: this touches no secret.
 */
export function ecdsaLowS(key: KeyObject, signature: Uint8Array): Buffer {
  const { curve } = ecKey(key);
  const compact = compactFromDer(signature, curve.bytes);
  if (!compact) throw new Error('internal: OpenSSL produced a malformed ECDSA signature');
  const { Signature } = curve.noble;
  const parsed = Signature.fromBytes(compact, 'compact');
  if (!parsed.hasHighS()) return Buffer.from(signature);
  return Buffer.from(new Signature(parsed.r, curve.noble.Point.CURVE().n - parsed.s).toBytes('der'));
}

/** Verifies strict DER; high-S signatures (OpenSSL makes them) are accepted, as OpenSSL does. */
export function ecdsaVerifyDigest(publicKey: KeyObject, digest: Uint8Array, signature: Uint8Array): boolean {
  const { curve, publicPoint } = ecKey(publicKey);
  const compact = compactFromDer(signature, curve.bytes);
  if (!compact) return false;
  try {
    return curve.noble.verify(compact, digest, publicPoint, { prehash: false, lowS: false, format: 'compact' });
  } catch {
    return false;
  }
}

/** Strict DER (as OpenSSL verifies): exact lengths, minimal non-negative integers → r‖s. */
function compactFromDer(sig: Uint8Array, scalarBytes: number): Uint8Array | null {
  if (sig.length < 8 || sig[0] !== 0x30 || sig[1] !== sig.length - 2) return null;
  let at = 2;
  const readInt = (): Uint8Array | null => {
    const len = sig[at + 1];
    if (sig[at] !== 0x02 || len === undefined || len < 1 || len > scalarBytes + 1 || at + 2 + len > sig.length) return null;
    const body = sig.subarray(at + 2, at + 2 + len);
    if (body[0]! & 0x80) return null;
    if (len > 1 && body[0] === 0 && !(body[1]! & 0x80)) return null;
    at += 2 + len;
    const value = body[0] === 0 ? body.subarray(1) : body;
    return value.length > scalarBytes ? null : value;
  };
  const r = readInt();
  const s = r === null ? null : readInt();
  if (r === null || s === null || at !== sig.length) return null;
  const compact = new Uint8Array(2 * scalarBytes);
  compact.set(r, scalarBytes - r.length);
  compact.set(s, 2 * scalarBytes - s.length);
  return compact;
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { InvalidKmsParameter } from '@dew/contracts';
import { bigintBytes, bytesBigint, encode, encodeUnsigned, OID, readAll, readSequence, readTlv, unsignedInteger, type Tlv } from './der.js';

/**
 * SM2 (GB/T 32918, GM/T 0003): signatures SM2DSA with SM3 and public-key encryption, on the SM2
 * curve. node:crypto on OpenSSL 3.0 loads SM2 keys but cannot export them (it aborts the process)
 * nor sign a ready digest or set the distinguishing identifier, so SM2 keys never become node
 * KeyObjects: the point arithmetic is @noble/curves (as for ECDSA, ./ecdsa.ts), SM3 is OpenSSL's.
 * Formats are the ones OpenSSL reads: DER SEQUENCE {r, s} signatures and GM/T 0009 C1C3C2
 * ciphertexts (docs/ciphertext.md, "SM2").
 */
const Point = weierstrass({
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
});
type Sm2Point = InstanceType<typeof Point>;
const { n } = Point.CURVE();
const Fn = Point.Fn;
const SIZE = 32;

/** GM/T 0009 §10: the default distinguishing identifier, which OpenSSL's `distid:` must name too. */
export const SM2_DEFAULT_ID = Buffer.from('1234567812345678', 'ascii');

const sm3 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sm3');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** A key on the SM2 curve: public always, private scalar when it is a private key. */
export class Sm2Key {
  readonly #secret: bigint | undefined;
  private constructor(
    readonly point: Sm2Point,
    secret: bigint | undefined,
  ) {
    this.#secret = secret;
  }

  static generate(): Sm2Key {
    return Sm2Key.fromScalar(randomScalar());
  }

  static fromScalar(d: bigint): Sm2Key {
    // d = n − 1 is refused too: signing divides by 1 + d (GB/T 32918.1 §6.1).
    if (d < 1n || d >= n - 1n) throw InvalidKmsParameter('an SM2 private key must be in [1, n − 2]');
    return new Sm2Key(Point.BASE.multiply(d), d);
  }

  /** From an uncompressed or compressed SEC1 point; null for anything not on the curve. */
  static fromPublicPoint(bytes: Uint8Array): Sm2Key | null {
    try {
      const point = Point.fromBytes(bytes);
      point.assertValidity();
      return point.is0() ? null : new Sm2Key(point, undefined);
    } catch {
      return null;
    }
  }

  get isPrivate(): boolean {
    return this.#secret !== undefined;
  }

  publicKey(): Sm2Key {
    return new Sm2Key(this.point, undefined);
  }

  /** 04‖x‖y. */
  publicPoint(): Buffer {
    return Buffer.from(this.point.toBytes(false));
  }

  /** SubjectPublicKeyInfo PEM (id-ecPublicKey with the SM2 curve), as OpenSSL writes it. */
  publicKeyPem(): string {
    const spki = encode(0x30, encode(0x30, OID.ecPublicKey, OID.sm2), encode(0x03, Buffer.of(0), this.publicPoint()));
    return pem('PUBLIC KEY', spki);
  }

  /** PKCS#8 DER (RFC 5915 ECPrivateKey inside), as OpenSSL writes it. Wrap it at once. */
  pkcs8(): Buffer {
    const d = this.#requireSecret();
    const ecPrivateKey = encode(0x30, encodeUnsigned(Buffer.of(1)), encode(0x04, bigintBytes(d, SIZE)), encode(0xa1, encode(0x03, Buffer.of(0), this.publicPoint())));
    return encode(0x30, encodeUnsigned(Buffer.of(0)), encode(0x30, OID.ecPublicKey, OID.sm2), encode(0x04, ecPrivateKey));
  }

  /** Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), GB/T 32918.2 §5.5. */
  z(id: Uint8Array = SM2_DEFAULT_ID): Buffer {
    const { a, b, Gx, Gy } = Point.CURVE();
    const entl = Buffer.alloc(2);
    entl.writeUInt16BE(id.length * 8);
    const { x, y } = this.point.toAffine();
    return sm3(entl, id, ...[a, b, Gx, Gy, x, y].map((v) => bigintBytes(v, SIZE)));
  }

  /** e = SM3(Z_A ‖ M) with the default identifier. */
  messageDigest(message: Uint8Array): Buffer {
    return sm3(this.z(), message);
  }

  /** GB/T 32918.2 §6.1 over e; DER SEQUENCE {r, s}. */
  signDigest(e: Uint8Array): Buffer {
    const d = this.#requireSecret();
    const ev = bytesBigint(e);
    for (;;) {
      const k = randomScalar();
      const r = Fn.create(ev + Point.BASE.multiply(k).toAffine().x);
      if (r === 0n || r + k === n) continue;
      const s = Fn.mul(Fn.inv(1n + d), Fn.sub(k, Fn.mul(r, d)));
      if (s === 0n) continue;
      return encode(0x30, encodeUnsigned(bigintBytes(r, SIZE)), encodeUnsigned(bigintBytes(s, SIZE)));
    }
  }

  /** GB/T 32918.2 §7.1; false for any malformed or wrong signature. */
  verifyDigest(e: Uint8Array, signature: Uint8Array): boolean {
    const parts = readSequence(signature);
    if (!parts || parts.length !== 2) return false;
    const [rb, sb] = [unsignedInteger(parts[0], SIZE), unsignedInteger(parts[1], SIZE)];
    if (!rb || !sb) return false;
    const [r, s] = [bytesBigint(rb), bytesBigint(sb)];
    if (r < 1n || r >= n || s < 1n || s >= n) return false;
    const t = Fn.add(r, s);
    if (t === 0n) return false;
    const sum = Point.BASE.multiplyUnsafe(s).add(this.point.multiplyUnsafe(t));
    if (sum.is0()) return false;
    return Fn.create(bytesBigint(e) + sum.toAffine().x) === r;
  }

  /** GB/T 32918.4 §6.1; GM/T 0009 DER SEQUENCE {x1, y1, C3 = SM3(x2‖M‖y2), C2}. */
  encrypt(message: Uint8Array): Buffer {
    for (;;) {
      const k = randomScalar();
      const c1 = Point.BASE.multiply(k).toAffine();
      const shared = this.point.multiply(k).toAffine();
      const [x2, y2] = [bigintBytes(shared.x, SIZE), bigintBytes(shared.y, SIZE)];
      const t = kdf(Buffer.concat([x2, y2]), message.length);
      if (t.every((b) => b === 0)) continue;
      for (let i = 0; i < t.length; i++) t[i]! ^= message[i]!;
      return encode(0x30, encodeUnsigned(bigintBytes(c1.x, SIZE)), encodeUnsigned(bigintBytes(c1.y, SIZE)), encode(0x04, sm3(x2, message, y2)), encode(0x04, t));
    }
  }

  /** GB/T 32918.4 §7.1; one refusal for every failure (no decryption oracle). */
  decrypt(ciphertext: Uint8Array): Buffer {
    const d = this.#requireSecret();
    const refuse = () => InvalidKmsParameter('cipher_text cannot be decrypted with SM2_ENCRYPT by this key (wrong key, format or tampered bytes)');
    const parts = readSequence(ciphertext);
    const [xb, yb] = [unsignedInteger(parts?.[0], SIZE), unsignedInteger(parts?.[1], SIZE)];
    const [c3, c2] = [parts?.[2], parts?.[3]];
    if (!parts || parts.length !== 4 || !xb || !yb || c3?.tag !== 0x04 || c3.body.length !== 32 || c2?.tag !== 0x04 || c2.body.length < 1) throw refuse();
    const c1 = Sm2Key.fromPublicPoint(Buffer.concat([Buffer.of(4), bigintBytes(bytesBigint(xb), SIZE), bigintBytes(bytesBigint(yb), SIZE)]));
    if (!c1) throw refuse();
    const shared = c1.point.multiply(d).toAffine();
    const [x2, y2] = [bigintBytes(shared.x, SIZE), bigintBytes(shared.y, SIZE)];
    const plain = kdf(Buffer.concat([x2, y2]), c2.body.length);
    if (plain.every((b) => b === 0)) throw refuse();
    for (let i = 0; i < plain.length; i++) plain[i]! ^= c2.body[i]!;
    if (!timingSafeEqual(sm3(x2, plain, y2), c3.body)) {
      plain.fill(0);
      throw refuse();
    }
    return plain;
  }

  /**
   * Plain ECDH on the SM2 curve (SEC 1 §3.3.1, not the GB/T 32918.3 exchange protocol): the
   * 32-byte x-coordinate of d·Q; null when the peer's point is not on the curve.
   */
  agree(peerPoint: Uint8Array): Buffer | null {
    const peer = Sm2Key.fromPublicPoint(peerPoint);
    return peer ? bigintBytes(peer.point.multiply(this.#requireSecret()).toAffine().x, SIZE) : null;
  }

  #requireSecret(): bigint {
    if (this.#secret === undefined) throw new TypeError('this SM2 operation needs a private key');
    return this.#secret;
  }
}

/** GB/T 32918.4 §5.4.3: SM3(Z ‖ ct) for ct = 1, 2, … big-endian 32-bit. */
function kdf(z: Uint8Array, length: number): Buffer {
  const out = Buffer.alloc(Math.ceil(length / SIZE) * SIZE);
  const counter = Buffer.alloc(4);
  for (let i = 1, at = 0; at < length; i++, at += SIZE) {
    counter.writeUInt32BE(i);
    sm3(z, counter).copy(out, at);
  }
  return out.subarray(0, length);
}

/** Uniform in [1, n − 2]: 64 random bits more than the order, reduced (FIPS 186-5 A.2.1). */
function randomScalar(): bigint {
  const bytes = randomBytes(SIZE + 8);
  const k = (bytesBigint(bytes) % (n - 2n)) + 1n;
  bytes.fill(0);
  return k;
}

function pem(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * The curve OID of a PKCS#8 id-ecPublicKey key, or undefined for any other key: lets a caller
 * keep SM2 keys away from node:crypto. Does not validate the rest.
 */
export function pkcs8EcCurve(der: Uint8Array): Buffer | undefined {
  const algId = readSequence(der)?.[1];
  return algId ? ecCurveOf(algId) : undefined;
}

/** An AlgorithmIdentifier {id-ecPublicKey, namedCurve}: the curve's OID (tag and all). */
function ecCurveOf(algId: Tlv): Buffer | undefined {
  const alg = algId.tag === 0x30 ? readAll(algId.body) : null;
  if (!alg || alg.length !== 2 || alg[0]!.tag !== 0x06 || alg[1]!.tag !== 0x06) return undefined;
  return encode(0x06, alg[0]!.body).equals(OID.ecPublicKey) ? encode(0x06, alg[1]!.body) : undefined;
}

export const isSm2Pkcs8 = (der: Uint8Array): boolean => pkcs8EcCurve(der)?.equals(OID.sm2) ?? false;

/** An SM2 private key from PKCS#8 DER (ecPublicKey + SM2 curve); a KMS error naming the problem. */
export function sm2FromPkcs8(der: Uint8Array): Sm2Key {
  const parts = readSequence(der);
  const inner = parts?.[2]?.tag === 0x04 ? readSequence(parts[2].body) : null;
  const d = inner?.[1]?.tag === 0x04 && inner[1].body.length === SIZE ? bytesBigint(inner[1].body) : undefined;
  if (!isSm2Pkcs8(der) || d === undefined) throw InvalidKmsParameter('the private key is not a PKCS#8 SM2 key');
  const key = Sm2Key.fromScalar(d);
  const embedded = inner?.find((t) => t.tag === 0xa1);
  const bits = embedded ? readTlv(embedded.body) : null;
  if (embedded && (bits?.tag !== 0x03 || !Buffer.from(bits.body.subarray(1)).equals(key.publicPoint()))) {
    throw InvalidKmsParameter('the SM2 private key carries a public key that does not belong to it');
  }
  return key;
}

/** An SM2 public key from SPKI DER. */
export function sm2FromSpki(der: Uint8Array): Sm2Key | null {
  const parts = readSequence(der);
  const bits = parts?.[1];
  if (!parts || parts.length !== 2 || bits?.tag !== 0x03 || bits.body[0] !== 0) return null;
  return ecCurveOf(parts[0]!)?.equals(OID.sm2) ? Sm2Key.fromPublicPoint(bits.body.subarray(1)) : null;
}

import { createECDH, type KeyObject } from 'node:crypto';
import { InvalidKmsParameter } from '@dew/contracts';
import { derElements, derOne, oidText } from './der-reader.js';
import type { AsymmetricKey } from './signing.js';
import { Sm2Key } from './sm2.js';

/**
 * ECDH (SEC 1 §3.3.1, the cofactor of every curve here is 1): the shared secret is the
 * x-coordinate of d·Q, curve-sized, as `openssl pkeyutl -derive` and Node's ECDH answer it. The
 * peer's key is a DER SubjectPublicKeyInfo (RFC 5480); it must lie on the same curve as the
 * private key. node:crypto's ECDH checks the point is on the curve. SM2 keys agree on the SM2
 * curve the same way (plain ECDH, not the GB/T 32918.3 exchange protocol); Node cannot load SM2
 * keys as KeyObjects for diffieHellman(), so every curve goes through createECDH with the raw scalar.
 */
interface AgreementCurveInfo {
  readonly oid: string;
  /** node:crypto's name for createECDH. */
  readonly node: string;
  /** Bytes of one coordinate. */
  readonly size: number;
}

const ID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';

export const AGREEMENT_CURVES: Readonly<Record<string, AgreementCurveInfo>> = {
  'P-256': { oid: '1.2.840.10045.3.1.7', node: 'prime256v1', size: 32 },
  'P-384': { oid: '1.3.132.0.34', node: 'secp384r1', size: 48 },
  'P-521': { oid: '1.3.132.0.35', node: 'secp521r1', size: 66 },
  secp256k1: { oid: '1.3.132.0.10', node: 'secp256k1', size: 32 },
  SM2: { oid: '1.2.156.10197.1.301', node: 'SM2', size: 32 },
};

const curveOfOid = (oid: string): string | undefined => Object.keys(AGREEMENT_CURVES).find((name) => AGREEMENT_CURVES[name]!.oid === oid);

export interface EcPublicKey {
  /** The curve's name in AGREEMENT_CURVES, or `OID <dotted>` for a curve DEW does not know. */
  readonly curve: string;
  /** The SEC 1 point (uncompressed or compressed). */
  readonly point: Buffer;
}

const MALFORMED = 'public_key must be a base64 DER SubjectPublicKeyInfo (X.509) of an EC public key';

/** The curve and point of a DER SubjectPublicKeyInfo; KMS.0308 for anything but an EC key. */
export function parseEcPublicKey(spki: Buffer): EcPublicKey {
  const outer = derOne(spki, 0x30);
  const parts = outer ? derElements(outer) : null;
  if (!parts || parts.length !== 2 || parts[0]!.tag !== 0x30 || parts[1]!.tag !== 0x03) throw InvalidKmsParameter(`${MALFORMED}, got ${spki.length} bytes that are not one`);
  const algorithm = derElements(parts[0]!.body);
  const algorithmOid = algorithm?.[0]?.tag === 0x06 ? oidText(algorithm[0].body) : undefined;
  if (algorithmOid !== ID_EC_PUBLIC_KEY || algorithm?.[1]?.tag !== 0x06) {
    throw InvalidKmsParameter(`${MALFORMED} (algorithm ${ID_EC_PUBLIC_KEY} with a named curve), got algorithm ${algorithmOid ?? 'unreadable'}`);
  }
  const curveOid = oidText(algorithm[1].body);
  const bits = parts[1]!.body;
  if (bits[0] !== 0 || bits.length < 2) throw InvalidKmsParameter(`${MALFORMED}: its BIT STRING is malformed`);
  return { curve: curveOfOid(curveOid) ?? `OID ${curveOid}`, point: bits.subarray(1) };
}

/** The private scalar of an EC private key, from its PKCS#8 (RFC 5208, RFC 5915); the caller zeroes it. */
function privateScalar(privateKey: KeyObject): Buffer {
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  try {
    const info = derElements(derOne(pkcs8, 0x30) ?? Buffer.alloc(0));
    const ecPrivateKey = info?.[2]?.tag === 0x04 ? derElements(derOne(info[2].body, 0x30) ?? Buffer.alloc(0)) : null;
    const scalar = ecPrivateKey?.[1]?.tag === 0x04 ? ecPrivateKey[1].body : undefined;
    if (!scalar) throw new Error('internal: the key is not an EC private key');
    return Buffer.from(scalar);
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * The ECDH shared secret of `privateKey` (on `curve`) and the peer's SubjectPublicKeyInfo. A peer
 * key on another curve, or a point not on the curve, is KMS.0308 naming the expected curve.
 */
export function ecdhSharedSecret(privateKey: AsymmetricKey, curve: string, peerSpki: Buffer): Buffer {
  const info = Object.hasOwn(AGREEMENT_CURVES, curve) ? AGREEMENT_CURVES[curve] : undefined;
  if (!info) throw InvalidKmsParameter(`ECDH supports the curves ${Object.keys(AGREEMENT_CURVES).join(', ')}, not ${curve}`);
  const peer = parseEcPublicKey(peerSpki);
  if (peer.curve !== curve) throw InvalidKmsParameter(`public_key must be on the curve ${curve} of the key, got a key on ${peer.curve}`);
  const notOnCurve = InvalidKmsParameter(`public_key is not a valid point on the curve ${curve}`);
  if (!isEncodedPoint(peer.point, info.size)) throw notOnCurve;
  if (privateKey instanceof Sm2Key) {
    const secret = privateKey.agree(peer.point);
    if (!secret) throw notOnCurve;
    return secret;
  }
  const scalar = privateScalar(privateKey);
  try {
    const ecdh = createECDH(info.node);
    ecdh.setPrivateKey(scalar);
    try {
      return ecdh.computeSecret(peer.point);
    } catch {
      // Whatever OpenSSL refuses in the peer's point (off the curve, infinity) is the caller's input.
      throw notOnCurve;
    }
  } finally {
    scalar.fill(0);
  }
}

/** A SEC 1 point encoding of the curve's size: 04‖x‖y, or 02/03‖x (never the 00 of infinity). */
function isEncodedPoint(point: Buffer, size: number): boolean {
  if (point[0] === 0x04) return point.length === 1 + 2 * size;
  return (point[0] === 0x02 || point[0] === 0x03) && point.length === 1 + size;
}

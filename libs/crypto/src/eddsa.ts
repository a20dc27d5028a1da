import { createHash, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { eddsa } from '@noble/curves/abstract/edwards.js';
import { InvalidKmsParameter } from '@dew/contracts';

/**
 * Ed25519 (RFC 8032 §5.1). Pure Ed25519 over the message is OpenSSL's (node:crypto sign with a null
 * digest). Ed25519ph — the same curve and key, signing PH(M) = SHA-512(M) under the dom2 prefix
 * with phflag 1 and an empty context — is not in OpenSSL before 3.2, so it is @noble/curves' EdDSA
 * here, fed the ready SHA-512 digest (its prehash step is the identity) so a DIGEST request signs
 * exactly the digest given. Checked against the RFC 8032 §7.3 vectors (eddsa.unit.spec.ts).
 */
const sha512 = Object.assign((data: Uint8Array): Uint8Array => createHash('sha512').update(data).digest(), { outputLen: 64, blockLen: 128 });

/** RFC 8032 §5.1: dom2(x, y) = "SigEd25519 no Ed25519 collisions" ‖ octet(x) ‖ octet(len(y)) ‖ y. */
const DOM2 = Buffer.from('SigEd25519 no Ed25519 collisions', 'ascii');
function dom2(data: Uint8Array, context: Uint8Array, phflag: boolean): Uint8Array {
  return Buffer.concat([DOM2, Buffer.of(phflag ? 1 : 0, context.length), context, data]);
}

/** RFC 8032 §5.1.5 step 2: clear the low 3 bits and the top bit, set the second-highest bit. */
function clamp(bytes: Uint8Array): Uint8Array {
  bytes[0]! &= 248;
  bytes[31]! &= 127;
  bytes[31]! |= 64;
  return bytes;
}

const ed25519ph = eddsa(ed25519.Point, sha512, { adjustScalarBytes: clamp, domain: dom2, prehash: (digest: Uint8Array) => digest, zip215: false });

export type Ed25519Scheme = 'PURE' | 'PH';
export const ED25519_PH_DIGEST_BYTES = 64;

function requireEd25519(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ed25519') throw InvalidKmsParameter(`Ed25519 signing needs an ED25519 key, this key is ${(key.asymmetricKeyType ?? 'unknown').toUpperCase()}`);
}

/** PH(M) for Ed25519ph: the message's SHA-512, or the 64-byte digest the caller gave. */
export function ed25519phDigest(message: Uint8Array, raw: boolean): Uint8Array {
  if (raw) return sha512(message);
  if (message.length !== ED25519_PH_DIGEST_BYTES) {
    throw InvalidKmsParameter(`message of DIGEST type must be ${ED25519_PH_DIGEST_BYTES} bytes for SHA-512, got ${message.length}`);
  }
  return message;
}

/** A 64-byte signature: pure Ed25519 over `message`, or Ed25519ph over the SHA-512 digest `message`. */
export function ed25519Sign(privateKey: KeyObject, scheme: Ed25519Scheme, message: Uint8Array): Buffer {
  requireEd25519(privateKey);
  if (scheme === 'PURE') return nodeSign(null, message, privateKey);
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
  try {
    return Buffer.from(ed25519ph.sign(message, seed));
  } finally {
    seed.fill(0);
  }
}

/** RFC 8032 §5.1.7 (cofactorless, canonical S): false for any wrong or malformed signature. */
export function ed25519Verify(publicKey: KeyObject, scheme: Ed25519Scheme, message: Uint8Array, signature: Uint8Array): boolean {
  requireEd25519(publicKey);
  if (signature.length !== 64) return false;
  try {
    if (scheme === 'PURE') return nodeVerify(null, message, publicKey, signature);
    const point = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
    return ed25519ph.verify(signature, message, point, { zip215: false });
  } catch {
    return false;
  }
}

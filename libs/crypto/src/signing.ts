import { constants, createHash, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { ecCurveLabel, ecdsaLowS, ecdsaSignDigest, ecdsaVerifyDigest } from './ecdsa.js';
import { ed25519phDigest, ed25519Sign, ed25519Verify } from './eddsa.js';
import { InvalidKmsParameter } from '@dew/contracts';
import { pkcs1SignDigest, pkcs1VerifyDigest, pssSignDigest, pssVerifyDigest, type RsaHash } from './rsa-sign.js';
import { Sm2Key } from './sm2.js';

/**
 * sign / verify: a RAW message is hashed with the algorithm's hash, a DIGEST is taken
 * as given; both then go through the same digest-level primitive. SM2 hashes SM3(Z ‖ M) (./sm2.ts);
 * pure Ed25519 signs the message itself and takes no DIGEST (docs/api-decisions.md).
 */
export type SigningFamily = 'RSA' | 'EC' | 'SM2' | 'ED25519';
export type SigningScheme = 'PSS' | 'PKCS1_V1_5' | 'ECDSA' | 'SM2DSA' | 'PURE' | 'PH';
export type MessageType = 'DIGEST' | 'RAW';

/** A key sign and verify take: a node KeyObject, or an SM2 key (node:crypto cannot hold those safely). */
export type AsymmetricKey = KeyObject | Sm2Key;

export interface SigningAlgorithmInfo {
  readonly family: SigningFamily;
  readonly scheme: SigningScheme;
  /** node:crypto hash name. */
  readonly hash: RsaHash | 'sm3';
  readonly hashLabel: string;
  readonly digestBytes: number;
}

const SHA = {
  sha256: { hash: 'sha256', hashLabel: 'SHA-256', digestBytes: 32 },
  sha384: { hash: 'sha384', hashLabel: 'SHA-384', digestBytes: 48 },
  sha512: { hash: 'sha512', hashLabel: 'SHA-512', digestBytes: 64 },
} as const;

const rsa = (scheme: SigningScheme, sha: keyof typeof SHA): SigningAlgorithmInfo => ({ family: 'RSA', scheme, ...SHA[sha] });
const ec = (sha: keyof typeof SHA): SigningAlgorithmInfo => ({ family: 'EC', scheme: 'ECDSA', ...SHA[sha] });
const ed = (scheme: 'PURE' | 'PH'): SigningAlgorithmInfo => ({ family: 'ED25519', scheme, ...SHA.sha512 });

export const SIGNING_ALGORITHMS = {
  RSASSA_PSS_SHA_256: rsa('PSS', 'sha256'),
  RSASSA_PSS_SHA_384: rsa('PSS', 'sha384'),
  RSASSA_PSS_SHA_512: rsa('PSS', 'sha512'),
  RSASSA_PKCS1_V1_5_SHA_256: rsa('PKCS1_V1_5', 'sha256'),
  RSASSA_PKCS1_V1_5_SHA_384: rsa('PKCS1_V1_5', 'sha384'),
  RSASSA_PKCS1_V1_5_SHA_512: rsa('PKCS1_V1_5', 'sha512'),
  ECDSA_SHA_256: ec('sha256'),
  ECDSA_SHA_384: ec('sha384'),
  ECDSA_SHA_512: ec('sha512'),
  SM2DSA_SM3: { family: 'SM2', scheme: 'SM2DSA', hash: 'sm3', hashLabel: 'SM3', digestBytes: 32 },
  ED25519_SHA_512: ed('PURE'),
  ED25519_PH_SHA_512: ed('PH'),
} as const satisfies Record<string, SigningAlgorithmInfo>;

export type SigningAlgorithm = keyof typeof SIGNING_ALGORITHMS;

export function isSigningAlgorithm(value: string): value is SigningAlgorithm {
  return Object.hasOwn(SIGNING_ALGORITHMS, value);
}

/** The digest a RAW message signs under (SM2: with the key's Z), or a DIGEST checked for length. */
export function digestFor(alg: SigningAlgorithm, message: Uint8Array, messageType: MessageType, key?: AsymmetricKey): Buffer {
  const info: SigningAlgorithmInfo = SIGNING_ALGORITHMS[alg];
  if (info.scheme === 'PURE') throw InvalidKmsParameter(`${alg} signs the message itself (pure Ed25519): message_type must be RAW; for a SHA-512 digest use ED25519_PH_SHA_512`);
  if (messageType === 'DIGEST') {
    checkDigest(info, message);
    return Buffer.from(message.buffer, message.byteOffset, message.length);
  }
  if (info.family !== 'SM2') return createHash(info.hash).update(message).digest();
  if (!(key instanceof Sm2Key)) throw new TypeError('an SM2 RAW digest needs the SM2 key (Z depends on it)');
  return key.messageDigest(message);
}

function checkDigest(info: SigningAlgorithmInfo, digest: Uint8Array): void {
  if (digest.length !== info.digestBytes) {
    throw InvalidKmsParameter(
      `message of DIGEST type must be ${info.digestBytes} bytes for ${info.hashLabel}, got ${digest.length}`,
    );
  }
}

function familyOf(key: AsymmetricKey): string {
  if (key instanceof Sm2Key) return 'SM2';
  const type = key.asymmetricKeyType;
  return type === 'rsa' ? 'RSA' : type === 'ec' ? 'EC' : (type ?? 'unknown').toUpperCase();
}

/** KMS.0308 naming both when the algorithm belongs to another family than the key. */
function checkFamily(key: AsymmetricKey, alg: SigningAlgorithm, info: SigningAlgorithmInfo): void {
  const family = familyOf(key);
  if (family !== info.family) {
    throw InvalidKmsParameter(`signing_algorithm ${alg} is for ${info.family} keys, this key is ${family}`);
  }
}

type Classic = { readonly key: KeyObject; readonly bits: number | undefined };

/** An RSA or EC key of the algorithm's family: its modulus bits (RSA) or undefined (EC, curve checked). */
function classic(key: AsymmetricKey, alg: SigningAlgorithm, info: SigningAlgorithmInfo): Classic {
  checkFamily(key, alg, info);
  const node = key as KeyObject;
  if (info.family === 'EC') {
    // Any SHA-2 digest works on the supported curves (bits2int truncates); other curves are refused here.
    ecCurveLabel(node);
    return { key: node, bits: undefined };
  }
  const bits = node.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw new Error('internal: RSA key without a modulus length');
  return { key: node, bits };
}

export function signDigest(privateKey: AsymmetricKey, alg: SigningAlgorithm, digest: Uint8Array): Buffer {
  const info: SigningAlgorithmInfo = SIGNING_ALGORITHMS[alg];
  const checked = digestFor(alg, digest, 'DIGEST');
  if (info.family === 'SM2' || info.family === 'ED25519') return signMessage(privateKey, alg, checked, 'DIGEST');
  const { key, bits } = classic(privateKey, alg, info);
  const hash = info.hash as RsaHash;
  if (bits === undefined) return ecdsaSignDigest(key, checked);
  return info.scheme === 'PSS' ? pssSignDigest(key, hash, checked, bits) : pkcs1SignDigest(key, hash, checked);
}

/** False for any wrong or malformed signature; throws only for a wrong digest length or key family. */
export function verifyDigest(publicKey: AsymmetricKey, alg: SigningAlgorithm, digest: Uint8Array, signature: Uint8Array): boolean {
  const info: SigningAlgorithmInfo = SIGNING_ALGORITHMS[alg];
  const checked = digestFor(alg, digest, 'DIGEST');
  if (info.family === 'SM2' || info.family === 'ED25519') return verifyMessage(publicKey, alg, checked, 'DIGEST', signature);
  const { key, bits } = classic(publicKey, alg, info);
  const hash = info.hash as RsaHash;
  if (bits === undefined) return ecdsaVerifyDigest(key, checked, signature);
  return info.scheme === 'PSS'
    ? pssVerifyDigest(key, hash, checked, signature, bits)
    : pkcs1VerifyDigest(key, hash, checked, signature, Math.ceil(bits / 8));
}

function nativeOptions(key: KeyObject, info: SigningAlgorithmInfo) {
  return info.scheme === 'PSS' ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : { key };
}

/** The Ed25519 input: the message itself (pure, RAW only) or PH(M) = SHA-512(M) (ph). */
function ed25519Input(alg: SigningAlgorithm, info: SigningAlgorithmInfo, message: Uint8Array, messageType: MessageType): Uint8Array {
  if (info.scheme === 'PH') return ed25519phDigest(message, messageType === 'RAW');
  if (messageType === 'DIGEST') digestFor(alg, message, messageType);
  return message;
}

/**
 * The API's entry: a RAW RSA/EC message goes to OpenSSL's own sign (hash and sign in one call, the
 * fastest and most-reviewed path); a DIGEST goes to the digest-level primitive above. SM2 and
 * Ed25519 go to their own modules.
 */
export function signMessage(privateKey: AsymmetricKey, alg: SigningAlgorithm, message: Uint8Array, messageType: MessageType): Buffer {
  const info: SigningAlgorithmInfo = SIGNING_ALGORITHMS[alg];
  switch (info.family) {
    case 'SM2':
      checkFamily(privateKey, alg, info);
      return (privateKey as Sm2Key).signDigest(digestFor(alg, message, messageType, privateKey));
    case 'ED25519':
      checkFamily(privateKey, alg, info);
      return ed25519Sign(privateKey as KeyObject, info.scheme as 'PURE' | 'PH', ed25519Input(alg, info, message, messageType));
    case 'RSA':
    case 'EC': {
      if (messageType === 'DIGEST') return signDigest(privateKey, alg, message);
      const { key } = classic(privateKey, alg, info);
      const signature = nodeSign(info.hash, message, nativeOptions(key, info));
      return info.family === 'EC' ? ecdsaLowS(key, signature) : signature;
    }
    default:
      return unreachable(info.family);
  }
}

export function verifyMessage(publicKey: AsymmetricKey, alg: SigningAlgorithm, message: Uint8Array, messageType: MessageType, signature: Uint8Array): boolean {
  const info: SigningAlgorithmInfo = SIGNING_ALGORITHMS[alg];
  switch (info.family) {
    case 'SM2':
      checkFamily(publicKey, alg, info);
      return (publicKey as Sm2Key).verifyDigest(digestFor(alg, message, messageType, publicKey), signature);
    case 'ED25519':
      checkFamily(publicKey, alg, info);
      return ed25519Verify(publicKey as KeyObject, info.scheme as 'PURE' | 'PH', ed25519Input(alg, info, message, messageType), signature);
    case 'RSA':
    case 'EC': {
      if (messageType === 'DIGEST') return verifyDigest(publicKey, alg, message, signature);
      const { key } = classic(publicKey, alg, info);
      try {
        return nodeVerify(info.hash, message, nativeOptions(key, info), signature);
      } catch {
        return false;
      }
    }
    default:
      return unreachable(info.family);
  }
}

function unreachable(family: never): never {
  throw new Error(`internal: unknown signing family ${String(family)}`);
}

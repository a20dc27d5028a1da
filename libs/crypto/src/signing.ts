import { constants, createHash, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { ecCurveLabel, ecdsaLowS, ecdsaSignDigest, ecdsaVerifyDigest } from './ecdsa.js';
import { InvalidKmsParameter } from '@dew/contracts';
import { pkcs1SignDigest, pkcs1VerifyDigest, pssSignDigest, pssVerifyDigest, type RsaHash } from './rsa-sign.js';

/**
 * sign / verify: a RAW message is hashed with the algorithm's hash, a DIGEST is taken
 * as given; both then go through the same digest-level primitive.
 */
export type SigningFamily = 'RSA' | 'EC';
export type SigningScheme = 'PSS' | 'PKCS1_V1_5' | 'ECDSA';
export type MessageType = 'DIGEST' | 'RAW';

export interface SigningAlgorithmInfo {
  readonly family: SigningFamily;
  readonly scheme: SigningScheme;
  /** node:crypto hash name. */
  readonly hash: RsaHash;
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
} as const satisfies Record<string, SigningAlgorithmInfo>;

export type SigningAlgorithm = keyof typeof SIGNING_ALGORITHMS;

export function isSigningAlgorithm(value: string): value is SigningAlgorithm {
  return Object.hasOwn(SIGNING_ALGORITHMS, value);
}

export function digestFor(alg: SigningAlgorithm, message: Uint8Array, messageType: MessageType): Buffer {
  const info: SigningAlgorithmInfo = SIGNING_ALGORITHMS[alg];
  if (messageType === 'RAW') return createHash(info.hash).update(message).digest();
  checkDigest(info, message);
  return Buffer.from(message.buffer, message.byteOffset, message.length);
}

function checkDigest(info: SigningAlgorithmInfo, digest: Uint8Array): void {
  if (digest.length !== info.digestBytes) {
    throw InvalidKmsParameter(
      `message of DIGEST type must be ${info.digestBytes} bytes for ${info.hashLabel}, got ${digest.length}`,
    );
  }
}

/** The key's family; KMS.0308 naming both when the algorithm belongs to the other one. */
function checkFamily(key: KeyObject, alg: SigningAlgorithm, info: SigningAlgorithmInfo): number | undefined {
  const type = key.asymmetricKeyType;
  const family = type === 'rsa' ? 'RSA' : type === 'ec' ? 'EC' : (type ?? 'unknown').toUpperCase();
  if (family !== info.family) {
    throw InvalidKmsParameter(`signing_algorithm ${alg} is for ${info.family} keys, this key is ${family}`);
  }
  if (family === 'EC') {
    // Any SHA-2 digest works on P-256 and P-384 (bits2int truncates); other curves are refused here.
    ecCurveLabel(key);
    return undefined;
  }
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw new Error('internal: RSA key without a modulus length');
  return bits;
}

export function signDigest(privateKey: KeyObject, alg: SigningAlgorithm, digest: Uint8Array): Buffer {
  const info: SigningAlgorithmInfo = SIGNING_ALGORITHMS[alg];
  checkDigest(info, digest);
  const bits = checkFamily(privateKey, alg, info);
  if (bits === undefined) return ecdsaSignDigest(privateKey, digest);
  return info.scheme === 'PSS' ? pssSignDigest(privateKey, info.hash, digest, bits) : pkcs1SignDigest(privateKey, info.hash, digest);
}

/** False for any wrong or malformed signature; throws only for a wrong digest length or key family. */
export function verifyDigest(publicKey: KeyObject, alg: SigningAlgorithm, digest: Uint8Array, signature: Uint8Array): boolean {
  const info: SigningAlgorithmInfo = SIGNING_ALGORITHMS[alg];
  checkDigest(info, digest);
  const bits = checkFamily(publicKey, alg, info);
  if (bits === undefined) return ecdsaVerifyDigest(publicKey, digest, signature);
  return info.scheme === 'PSS'
    ? pssVerifyDigest(publicKey, info.hash, digest, signature, bits)
    : pkcs1VerifyDigest(publicKey, info.hash, digest, signature, Math.ceil(bits / 8));
}

function nativeOptions(key: KeyObject, info: SigningAlgorithmInfo) {
  return info.scheme === 'PSS' ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : { key };
}

/**
 * The API's entry: a RAW message goes to OpenSSL's own sign (hash and sign in one call, the
 * fastest and most-reviewed path); a DIGEST goes to the digest-level primitive above.
 */
export function signMessage(privateKey: KeyObject, alg: SigningAlgorithm, message: Uint8Array, messageType: MessageType): Buffer {
  const info: SigningAlgorithmInfo = SIGNING_ALGORITHMS[alg];
  if (messageType === 'DIGEST') return signDigest(privateKey, alg, message);
  checkFamily(privateKey, alg, info);
  const signature = nodeSign(info.hash, message, nativeOptions(privateKey, info));
  return info.family === 'EC' ? ecdsaLowS(privateKey, signature) : signature;
}

export function verifyMessage(publicKey: KeyObject, alg: SigningAlgorithm, message: Uint8Array, messageType: MessageType, signature: Uint8Array): boolean {
  const info: SigningAlgorithmInfo = SIGNING_ALGORITHMS[alg];
  if (messageType === 'DIGEST') return verifyDigest(publicKey, alg, message, signature);
  checkFamily(publicKey, alg, info);
  try {
    return nodeVerify(info.hash, message, nativeOptions(publicKey, info), signature);
  } catch {
    return false;
  }
}

import { KEY_STORE_SPECS, type KeyStoreSpec, type MessageType } from './hsm-key-store.port.js';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '@dew/crypto';
import { KeyStoreInvalidInput, KeyStoreUnsupported } from './hsm-key-store.errors.js';

/**
 * What a key store offers, from the appliance's API (libs/hsm-client/proto/hsm.proto;
 * docs/hsm-appliance.md "Limits"): key types it generates and mirrors, and its signature schemes.
 * RSA_4096, SECP256K1, SM2, SM4, ED25519 (not mirrorable) and HMAC keys are not there; RSA keys
 * sign only (the appliance has no RSA encryption); ECDSA_SHA_512 has no scheme. A RAW message is
 * hashed by the appliance; a DIGEST is signed as given (`prehashed`), its length checked here and there.
 */
const SIGNING_SCHEMES: Readonly<Record<string, string>> = {
  RSASSA_PKCS1_V1_5_SHA_256: 'RSA_PKCS1_SHA256',
  RSASSA_PKCS1_V1_5_SHA_384: 'RSA_PKCS1_SHA384',
  RSASSA_PKCS1_V1_5_SHA_512: 'RSA_PKCS1_SHA512',
  RSASSA_PSS_SHA_256: 'RSA_PSS_SHA256',
  RSASSA_PSS_SHA_384: 'RSA_PSS_SHA384',
  RSASSA_PSS_SHA_512: 'RSA_PSS_SHA512',
  ECDSA_SHA_256: 'ECDSA_SHA256',
  ECDSA_SHA_384: 'ECDSA_SHA384',
};

/** The appliance's key type for a KMS key spec (the same names for the specs a key store holds). */
export function keyTypeOf(spec: string): KeyStoreSpec {
  if (!(KEY_STORE_SPECS as readonly string[]).includes(spec)) throw KeyStoreUnsupported('key spec', spec, KEY_STORE_SPECS);
  return spec as KeyStoreSpec;
}

/** The appliance's signature scheme for a KMS signing algorithm, and whether the message is a digest. */
export function signatureSchemeOf(algorithm: string, messageType: MessageType): { readonly scheme: string; readonly prehashed: boolean } {
  const scheme = Object.hasOwn(SIGNING_SCHEMES, algorithm) ? SIGNING_SCHEMES[algorithm] : undefined;
  if (scheme === undefined) throw KeyStoreUnsupported('signing algorithm', algorithm, Object.keys(SIGNING_SCHEMES));
  return { scheme, prehashed: prehashedOf(messageType) };
}

/**
 * The scheme for a call, a DIGEST's length checked against the algorithm's hash first (as KMS's
 * software keys check it, libs/crypto/src/signing.ts): refused `invalid-input` naming both lengths.
 */
export function signingCallOf(keystoreId: string, algorithm: string, message: Buffer, messageType: MessageType): { readonly scheme: string; readonly prehashed: boolean } {
  const call = signatureSchemeOf(algorithm, messageType);
  const hash = SIGNING_ALGORITHMS[algorithm as SigningAlgorithm];
  if (call.prehashed && message.length !== hash.digestBytes) {
    throw KeyStoreInvalidInput(keystoreId, `message of DIGEST type must be ${hash.digestBytes} bytes for ${hash.hashLabel}, got ${message.length}`);
  }
  return call;
}

function prehashedOf(messageType: MessageType): boolean {
  switch (messageType) {
    case 'RAW':
      return false;
    case 'DIGEST':
      return true;
    default: {
      const unknown: never = messageType;
      throw KeyStoreUnsupported('message_type', String(unknown), ['RAW', 'DIGEST']);
    }
  }
}

/** AES-GCM as the appliance does it: a 12-byte IV, a 16-byte tag after the ciphertext. */
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

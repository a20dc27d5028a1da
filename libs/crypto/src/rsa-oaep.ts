import { constants, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import { InvalidKmsParameter } from '@dew/contracts';
import { Sm2Key } from './sm2.js';

type AnyKey = KeyObject | Sm2Key;

/** RSAES-OAEP for RSA ENCRYPT_DECRYPT keys; MGF1 uses the same hash as OAEP (OpenSSL's default). */
export type OaepAlgorithm = 'RSAES_OAEP_SHA_256' | 'RSAES_OAEP_SHA_1';

const OAEP_HASH: Readonly<Record<OaepAlgorithm, { readonly name: string; readonly bytes: number }>> = {
  RSAES_OAEP_SHA_256: { name: 'sha256', bytes: 32 },
  RSAES_OAEP_SHA_1: { name: 'sha1', bytes: 20 },
};

export const OAEP_ALGORITHMS = Object.keys(OAEP_HASH) as readonly OaepAlgorithm[];

/** RFC 8017 §7.1.1: mLen ≤ k − 2·hLen − 2. */
export function oaepMaxPlaintext(modulusBits: number, alg: OaepAlgorithm): number {
  return Math.ceil(modulusBits / 8) - 2 * OAEP_HASH[alg].bytes - 2;
}

function rsaKey(key: AnyKey): { key: KeyObject; bits: number } {
  const bits = key instanceof Sm2Key || key.asymmetricKeyType !== 'rsa' ? undefined : key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw InvalidKmsParameter(`${key instanceof Sm2Key ? 'an SM2' : (key.asymmetricKeyType ?? 'this')} key cannot use RSAES_OAEP`);
  return { key: key as KeyObject, bits };
}

export function rsaOaepEncrypt(anyKey: AnyKey, alg: OaepAlgorithm, plaintext: Uint8Array): Buffer {
  const { key: publicKey, bits } = rsaKey(anyKey);
  const max = oaepMaxPlaintext(bits, alg);
  if (plaintext.length > max) {
    throw InvalidKmsParameter(
      `plain_text is ${plaintext.length} bytes; ${alg} with a ${bits}-bit RSA key encrypts at most ${max}`,
    );
  }
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[alg].name }, plaintext);
}

export function rsaOaepDecrypt(anyKey: AnyKey, alg: OaepAlgorithm, ciphertext: Uint8Array): Buffer {
  const { key: privateKey, bits } = rsaKey(anyKey);
  const bytes = Math.ceil(bits / 8);
  if (ciphertext.length !== bytes) {
    throw InvalidKmsParameter(`cipher_text for this RSA key must be ${bytes} bytes, got ${ciphertext.length}`);
  }
  try {
    return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[alg].name }, ciphertext);
  } catch {
    // One message for every failure: distinguishing padding errors would be a decryption oracle.
    throw InvalidKmsParameter(`cipher_text cannot be decrypted with ${alg} by this key (wrong key, algorithm or tampered bytes)`);
  }
}

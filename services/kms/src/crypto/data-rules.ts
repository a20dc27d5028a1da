import { InvalidAdditionalData, InvalidKmsParameter, MissingKmsParameter, type DecryptDataRequest, type EncryptDataRequest } from '@dew/contracts';
import { ASYMMETRIC_ENCRYPTIONS, isAsymmetricEncryption, type AsymmetricEncryption, type DatakeyDigest, type MessageHeader, type MessageSuite } from '@dew/crypto';
import type { EnabledCmk } from '@dew/kms-domain';
import type { Material } from './material-cache.js';
import { fromBase64 } from './wire.js';

/**
 * The rules of encrypt-data and decrypt-data: AES-256-GCM under a per-message key for AES_256
 * keys, SM4-CTR + HMAC-SM3 for SM4 keys (the ciphertext names key, version and construction, so
 * decrypt needs no key id; docs/ciphertext.md), RSAES-OAEP for RSA and SM2_ENCRYPT for SM2
 * ENCRYPT_DECRYPT keys (key id required on decrypt).
 */

const PLAINTEXT_MAX = 4096;
const CIPHERTEXT = /^[0-9a-zA-Z+/=]{128,5648}$/;

export type SymmetricMaterial = Extract<Material, { kind: 'symmetric' }>;
export type AsymmetricMaterial = Extract<Material, { kind: 'asymmetric' }>;

export function dataPlaintext(text: string): Buffer {
  const plaintext = Buffer.from(text, 'utf8');
  if (plaintext.length < 1 || plaintext.length > PLAINTEXT_MAX) {
    throw InvalidKmsParameter(`plain_text must be 1..${PLAINTEXT_MAX} bytes, got ${plaintext.length}`);
  }
  return plaintext;
}

export function dataCiphertext(text: string): Buffer {
  if (!CIPHERTEXT.test(text)) throw InvalidKmsParameter(`cipher_text must be 128..5648 base64 characters, got ${text.length}`);
  return fromBase64('cipher_text', text);
}

/** The algorithm an encrypt-data with an asymmetric key names (the key's family is checked on use); no AAD can be bound with it. */
export function asymmetricForEncrypt(key: EnabledCmk, req: EncryptDataRequest): AsymmetricEncryption {
  const alg = req.encryption_algorithm;
  if (!isAsymmetricEncryption(alg)) {
    throw InvalidKmsParameter(`key ${key.keyId} is ${key.keySpec}: encryption_algorithm must be one of ${ASYMMETRIC_ENCRYPTIONS.join(', ')}, got ${alg ?? 'none'}`);
  }
  if (req.additional_authenticated_data) throw InvalidAdditionalData(`additional_authenticated_data cannot be bound with ${alg}`);
  return alg;
}

/** A decrypt-data that names an asymmetric algorithm: the key it names (required) and the algorithm. */
export function asymmetricDecryption(req: DecryptDataRequest): { readonly keyId: string; readonly algorithm: AsymmetricEncryption } | undefined {
  if (!isAsymmetricEncryption(req.encryption_algorithm)) return undefined;
  if (!req.key_id) throw MissingKmsParameter(`key_id is required to decrypt with ${req.encryption_algorithm}`);
  return { keyId: req.key_id, algorithm: req.encryption_algorithm };
}

/** A symmetric ciphertext names its key; a key_id given beside it must be that key. */
export function ciphertextKey(header: MessageHeader, keyId: string | undefined): MessageHeader {
  if (keyId && keyId !== header.keyId) throw InvalidKmsParameter(`cipher_text was made by key ${header.keyId}, not by key_id ${keyId.slice(0, 64)}`);
  return header;
}

export function asymmetricMaterial(key: EnabledCmk, material: Material, algorithm: string): AsymmetricMaterial {
  if (material.kind !== 'asymmetric') throw InvalidKmsParameter(`key ${key.keyId} is symmetric; omit encryption_algorithm ${algorithm}`);
  return material;
}

export function aesMaterial(key: EnabledCmk, material: Material): SymmetricMaterial {
  if (material.kind !== 'symmetric') throw InvalidKmsParameter(`key ${key.keyId} is asymmetric; name encryption_algorithm`);
  return material;
}

/** The construction of a symmetric ENCRYPT_DECRYPT key's ciphertexts. */
export function messageSuite(key: EnabledCmk): MessageSuite {
  return key.keySpec === 'SM4' ? 'SM4' : 'AES_256';
}

/** The digest beside a data key: SM3 under an SM4 key (Huawei's encrypt-datakey), SHA-256 otherwise. */
export function datakeyDigest(key: EnabledCmk): DatakeyDigest {
  return key.keySpec === 'SM4' ? 'sm3' : 'sha256';
}

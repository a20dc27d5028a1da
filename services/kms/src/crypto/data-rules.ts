import { InvalidAdditionalData, InvalidKmsParameter, MissingKmsParameter, type DecryptDataRequest, type EncryptDataRequest } from '@dew/contracts';
import type { DatakeyDigest, MessageHeader, MessageSuite, OaepAlgorithm } from '@dew/crypto';
import type { EnabledCmk } from '@dew/kms-domain';
import type { Material } from './material-cache.js';
import { fromBase64 } from './wire.js';

/**
 * The rules of encrypt-data and decrypt-data: AES-256-GCM under a per-message key for AES_256
 * keys, SM4-CTR + HMAC-SM3 for SM4 keys (the ciphertext names key, version and construction, so
 * decrypt needs no key id; docs/ciphertext.md), RSAES-OAEP for RSA ENCRYPT_DECRYPT keys (key id
 * required on decrypt).
 */

const PLAINTEXT_MAX = 4096;
const CIPHERTEXT = /^[0-9a-zA-Z+/=]{128,5648}$/;
const OAEP: readonly string[] = ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'];

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

/** The OAEP algorithm an encrypt-data with an RSA key names; no AAD can be bound with it. */
export function oaepForEncrypt(key: EnabledCmk, req: EncryptDataRequest): OaepAlgorithm {
  const alg = req.encryption_algorithm;
  if (alg === undefined || !OAEP.includes(alg)) {
    throw InvalidKmsParameter(`key ${key.keyId} is ${key.keySpec}: encryption_algorithm must be ${OAEP.join(' or ')}, got ${alg ?? 'none'}`);
  }
  if (req.additional_authenticated_data) throw InvalidAdditionalData('additional_authenticated_data cannot be bound with RSAES_OAEP');
  return alg as OaepAlgorithm;
}

/** A decrypt-data that names an OAEP algorithm: the RSA key it names (required) and the algorithm. */
export function oaepDecryption(req: DecryptDataRequest): { readonly keyId: string; readonly algorithm: OaepAlgorithm } | undefined {
  if (req.encryption_algorithm === undefined || !OAEP.includes(req.encryption_algorithm)) return undefined;
  if (!req.key_id) throw MissingKmsParameter('key_id is required to decrypt with an RSA key');
  return { keyId: req.key_id, algorithm: req.encryption_algorithm as OaepAlgorithm };
}

/** A symmetric ciphertext names its key; a key_id given beside it must be that key. */
export function ciphertextKey(header: MessageHeader, keyId: string | undefined): MessageHeader {
  if (keyId && keyId !== header.keyId) throw InvalidKmsParameter(`cipher_text was made by key ${header.keyId}, not by key_id ${keyId.slice(0, 64)}`);
  return header;
}

export function rsaMaterial(key: EnabledCmk, material: Material, algorithm: string): AsymmetricMaterial {
  if (material.kind !== 'asymmetric') throw InvalidKmsParameter(`key ${key.keyId} is symmetric; omit encryption_algorithm ${algorithm}`);
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

export function aesMaterial(key: EnabledCmk, material: Material): SymmetricMaterial {
  if (material.kind !== 'symmetric') throw InvalidKmsParameter(`key ${key.keyId} is asymmetric; name encryption_algorithm`);
  return material;
}

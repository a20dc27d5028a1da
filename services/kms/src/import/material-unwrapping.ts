import { createDecipheriv, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ImportedMaterialInvalid, ImportTokenUnusable, MissingKmsParameter } from '@dew/contracts';
import { isSm2Pkcs8, KeyringEntryMissing, OwnerKeys, rsaOaepDecrypt, sm2FromPkcs8, SYMMETRIC_MATERIAL_BYTES, type OaepAlgorithm, type SymmetricMaterialSpec } from '@dew/crypto';
import { isSymmetric, type AsymmetricKeySpec, type LiveCmk } from '@dew/kms-domain';
import { fromBase64 } from '../crypto/wire.js';
import { wrappingEntry, type ImportClaims } from './import-tokens.js';

const WRAP_PAD_IV = Buffer.from('A65959A6', 'hex');
/** What node:crypto reports for a private key of each spec; SM2 keys never reach node (@dew/crypto sm2). */
const EXPECTED: Record<Exclude<AsymmetricKeySpec, 'SM2'>, { type: 'rsa' | 'ec' | 'ed25519'; bits?: number; curve?: string }> = {
  RSA_2048: { type: 'rsa', bits: 2048 },
  RSA_3072: { type: 'rsa', bits: 3072 },
  RSA_4096: { type: 'rsa', bits: 4096 },
  EC_P256: { type: 'ec', curve: 'prime256v1' },
  EC_P384: { type: 'ec', curve: 'secp384r1' },
  SECP256K1: { type: 'ec', curve: 'secp256k1' },
  ED25519: { type: 'ed25519' },
};

export interface UnwrappedMaterial {
  /** The caller zeroes it once sealed. */
  readonly secret: Buffer;
  readonly publicKeyPem: string | undefined;
}

/**
 * Imported material out of its wrapping (docs/features.md, "Bring your own key"): symmetric, the
 * raw key under the token's wrapping key (32 bytes AES_256, 16 SM4, 32/48/64/32 HMAC_256/384/512/SM3); asymmetric, a temporary AES key under it plus the
 * PKCS#8 key wrapped by RFC 5649, which must be of the key's spec.
 */
@Injectable()
export class MaterialUnwrapping {
  constructor(private readonly crypto: OwnerKeys) {}

  async unwrap(key: LiveCmk, claims: ImportClaims, encryptedMaterial: string, encryptedPrivateKey: string | undefined): Promise<UnwrappedMaterial> {
    const wrappingKey = await this.#wrappingKey(claims.wrappingKeyId, claims.sealedPrivateKey);
    const unwrapped = this.#unwrap(wrappingKey, claims.algorithm, encryptedMaterial);
    return isSymmetric(key.keySpec) ? { secret: requireSymmetric(key, unwrapped), publicKeyPem: undefined } : this.#privateKey(key, unwrapped, encryptedPrivateKey);
  }

  async #wrappingKey(wrappingKeyId: string, sealed: string): Promise<KeyObject> {
    try {
      const der = await this.crypto.open(wrappingEntry(wrappingKeyId), 1, Buffer.from(sealed, 'base64'));
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch (err) {
      if (err instanceof KeyringEntryMissing) throw ImportTokenUnusable('import_token was already used or has expired; get new import parameters');
      throw err;
    }
  }

  #unwrap(wrappingKey: KeyObject, algorithm: OaepAlgorithm, encrypted: string): Buffer {
    const blob = fromBase64('encrypted_key_material', encrypted);
    try {
      return rsaOaepDecrypt(wrappingKey, algorithm, blob);
    } catch {
      throw ImportedMaterialInvalid(`encrypted_key_material could not be unwrapped with the wrapping key (${algorithm}); encrypt exactly the key material with the public key of this import token`);
    }
  }

  #privateKey(key: LiveCmk, temporaryKey: Buffer, wrappedPrivateKey: string | undefined): { secret: Buffer; publicKeyPem: string } {
    if (temporaryKey.length !== 32) throw ImportedMaterialInvalid(`the temporary key in encrypted_key_material must be 32 bytes (AES-256), got ${temporaryKey.length}`);
    if (!wrappedPrivateKey) throw MissingKmsParameter(`encrypted_privatekey is required to import ${key.keySpec} material`);
    let der: Buffer;
    try {
      const decipher = createDecipheriv('id-aes256-wrap-pad', temporaryKey, WRAP_PAD_IV);
      der = Buffer.concat([decipher.update(fromBase64('encrypted_privatekey', wrappedPrivateKey)), decipher.final()]);
    } catch {
      throw ImportedMaterialInvalid('encrypted_privatekey could not be unwrapped (AES key wrap with padding, RFC 5649) with the temporary key');
    }
    return key.keySpec === 'SM2' || isSm2Pkcs8(der) ? sm2Material(key, der) : nodeMaterial(key, der);
  }
}

/** An SM2 key's PKCS#8, checked and parsed here: node:crypto must not hold SM2 keys. */
function sm2Material(key: LiveCmk, der: Buffer): { secret: Buffer; publicKeyPem: string } {
  if (key.keySpec !== 'SM2') throw ImportedMaterialInvalid(`key ${key.keyId} is ${key.keySpec}; the imported private key is SM2`);
  if (!isSm2Pkcs8(der)) throw ImportedMaterialInvalid(`key ${key.keyId} is SM2; the imported private key is ${describe(der)}`);
  try {
    return { secret: der, publicKeyPem: sm2FromPkcs8(der).publicKeyPem() };
  } catch {
    throw ImportedMaterialInvalid('encrypted_privatekey does not hold a valid PKCS#8 SM2 private key');
  }
}

function nodeMaterial(key: LiveCmk, der: Buffer): { secret: Buffer; publicKeyPem: string } {
  const privateKey = nodePrivateKey(der);
  const want = EXPECTED[key.keySpec as keyof typeof EXPECTED];
  const details = privateKey.asymmetricKeyDetails;
  if (privateKey.asymmetricKeyType !== want.type || (want.bits && details?.modulusLength !== want.bits) || (want.curve && details?.namedCurve !== want.curve)) {
    throw ImportedMaterialInvalid(`key ${key.keyId} is ${key.keySpec}; the imported private key is ${describeKey(privateKey)}`);
  }
  return { secret: der, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

function nodePrivateKey(der: Buffer): KeyObject {
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw ImportedMaterialInvalid('encrypted_privatekey does not hold a PKCS#8 DER private key');
  }
}

function describe(der: Buffer): string {
  return describeKey(nodePrivateKey(der));
}

function describeKey(privateKey: KeyObject): string {
  const details = privateKey.asymmetricKeyDetails;
  const type = privateKey.asymmetricKeyType;
  return type === 'rsa' ? `RSA-${details?.modulusLength}` : type === 'ec' ? `EC ${details?.namedCurve}` : (type ?? 'of an unknown type').toUpperCase();
}

function requireSymmetric(key: LiveCmk, material: Buffer): Buffer {
  const want = SYMMETRIC_MATERIAL_BYTES[key.keySpec as SymmetricMaterialSpec];
  if (material.length !== want) {
    material.fill(0);
    throw ImportedMaterialInvalid(`${key.keySpec} key material must be exactly ${want} bytes, got ${material.length}`);
  }
  return material;
}

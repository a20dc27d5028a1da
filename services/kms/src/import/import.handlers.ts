import { createDecipheriv, createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IsDefined, IsInt, IsOptional, IsString } from 'class-validator';
import {
  ImportedMaterialInvalid,
  ImportTokenUnusable,
  IsKeyId,
  KeyNotFound,
  KeyOpRequest,
  KmsRequest,
  MissingKmsParameter,
  validateBody,
} from '@dew/contracts';
import { OwnerKeys, KeyringEntryMissing, rsaOaepDecrypt, type OaepAlgorithm } from '@dew/crypto';
import { decide, findKey, isSymmetric, nextMaterialOwner, type KeySpec, type LiveCmk } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock, RpcRegistry } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { MaterialCache } from '../crypto/material-cache.js';
import { fromBase64 } from '../crypto/wire.js';
import { ImportTokens } from './import-tokens.js';
import { WrappingKeyPool } from './wrapping-key-pool.js';

const TOKEN_TTL_MS = 24 * 3600 * 1000;
const WRAP_PAD_IV = Buffer.from('A65959A6', 'hex');
const EXPECTED: Record<Exclude<KeySpec, 'AES_256'>, { type: 'rsa' | 'ec'; bits?: number; curve?: string }> = {
  RSA_2048: { type: 'rsa', bits: 2048 },
  RSA_3072: { type: 'rsa', bits: 3072 },
  RSA_4096: { type: 'rsa', bits: 4096 },
  EC_P256: { type: 'ec', curve: 'prime256v1' },
  EC_P384: { type: 'ec', curve: 'secp384r1' },
};

class ImportParametersRequest extends KeyOpRequest {
  @IsDefined() @IsString() wrapping_algorithm!: string;
}
class ImportMaterialRequest extends KmsRequest {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsDefined() @IsString() import_token!: string;
  @IsDefined() @IsString() encrypted_key_material!: string;
  @IsOptional() @IsString() encrypted_privatekey?: string;
  /** int64 seconds: the material is deleted within 24 h after it. */
  @IsOptional() @IsInt() expiration_time?: number;
}

export const wrappingEntry = (wrappingKeyId: string) => `wrap-${wrappingKeyId}`;

/**
 * Bring your own key (docs/features.md, "Bring your own key"): a wrapping key pair and token per request, then the
 * material unwrapped with it (symmetric: the 32 bytes; asymmetric: a temporary AES key plus the
 * PKCS#8 key wrapped by RFC 5649). Material is sealed under its own keyring entry, so deleting it
 * erases it for good; the first material's keyed digest binds the key to it forever.
 */
@Injectable()
export class ImportHandlers implements OnModuleInit {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly crypto: OwnerKeys,
    private readonly tokens: ImportTokens,
    private readonly pool: WrappingKeyPool,
    private readonly materials: MaterialCache,
    private readonly clock: Clock,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    this.rpc.register('kms.get-parameters-for-import', (body, ctx) => this.parameters(validateBody(ImportParametersRequest, body), ctx));
    this.rpc.register('kms.import-key-material', (body, ctx) => this.import(validateBody(ImportMaterialRequest, body), ctx));
    this.rpc.register('kms.delete-imported-key-material', (body, ctx) => this.delete(validateBody(KeyOpRequest, body), ctx));
  }

  async parameters(req: ImportParametersRequest, ctx: RequestContext) {
    const now = this.clock.now();
    const wrappingKeyId = randomUUID().replace(/-/g, '');
    const expiresAt = now + TOKEN_TTL_MS;
    await this.keyrings.execute(ctx, (s) => decide(s, { type: 'IssueImportParameters', keyId: req.key_id, wrappingKeyId, algorithm: req.wrapping_algorithm, now, expiresAt }));
    const pair = await this.pool.take();
    await this.crypto.create(wrappingEntry(wrappingKeyId));
    const der = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
    const sealedPrivateKey = (await this.crypto.seal(wrappingEntry(wrappingKeyId), 1, der)).toString('base64');
    der.fill(0);
    const algorithm = req.wrapping_algorithm as OaepAlgorithm;
    const token = await this.tokens.issue({ keyId: req.key_id, wrappingKeyId, algorithm, expiresAt, sealedPrivateKey });
    return {
      key_id: req.key_id,
      import_token: token,
      expiration_time: Math.floor(expiresAt / 1000),
      public_key: pair.publicKeyDer.toString('base64'),
      ...(algorithm === 'RSAES_OAEP_SHA_1' ? { wrapping_algorithm_warning: 'RSAES_OAEP_SHA_1 is insecure (SHA-1); prefer RSAES_OAEP_SHA_256' } : {}),
    };
  }

  async import(req: ImportMaterialRequest, ctx: RequestContext) {
    const now = this.clock.now();
    const claims = await this.tokens.verify(req.import_token, req.key_id, now);
    const key = this.#key(ctx, req.key_id);
    const wrappingKey = await this.#wrappingKey(claims.wrappingKeyId, claims.sealedPrivateKey);
    const unwrapped = this.#unwrap(wrappingKey, claims.algorithm, req.encrypted_key_material);
    const { secret, publicKeyPem } = isSymmetric(key.keySpec) ? { secret: requireAes(unwrapped), publicKeyPem: undefined } : this.#privateKey(key, unwrapped, req.encrypted_privatekey);
    try {
      const fingerprint = await this.crypto.mac(key.keyId, secret);
      const owner = nextMaterialOwner(key);
      await this.crypto.create(owner);
      const wrapped = (await this.crypto.seal(owner, 1, secret)).toString('base64');
      const expiresAt = req.expiration_time === undefined ? null : req.expiration_time * 1000;
      try {
        await this.keyrings.execute(ctx, (s) =>
          decide(s, { type: 'ImportKeyMaterial', keyId: key.keyId, wrappingKeyId: claims.wrappingKeyId, material: { wrapped, owner, ...(publicKeyPem ? { publicKeyPem } : {}) }, fingerprint, expiresAt, now }));
      } catch (err) {
        await this.crypto.destroy(owner);
        throw err;
      }
      await this.crypto.destroy(wrappingEntry(claims.wrappingKeyId));
      this.materials.forget(key.keyId);
      return {};
    } finally {
      secret.fill(0);
    }
  }

  async delete(req: KeyOpRequest, ctx: RequestContext) {
    const key = this.#key(ctx, req.key_id);
    const owner = key.versions[0]?.owner;
    const { events } = await this.keyrings.execute(ctx, (s) => decide(s, { type: 'DeleteImportedKeyMaterial', keyId: key.keyId, reason: 'manual', now: this.clock.now() }));
    if (events.length > 0 && owner) {
      this.materials.forget(key.keyId);
      await this.crypto.destroy(owner);
    }
    return {};
  }

  #key(ctx: RequestContext, keyId: string): LiveCmk {
    const key = findKey(this.keyrings.of(ctx.projectId), keyId);
    if (!key) throw KeyNotFound(keyId.slice(0, 64));
    return key;
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
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch {
      throw ImportedMaterialInvalid('encrypted_privatekey does not hold a PKCS#8 DER private key');
    }
    const want = EXPECTED[key.keySpec as Exclude<KeySpec, 'AES_256'>];
    const details = privateKey.asymmetricKeyDetails;
    const got = privateKey.asymmetricKeyType === 'rsa' ? `RSA-${details?.modulusLength}` : `EC ${details?.namedCurve}`;
    if (privateKey.asymmetricKeyType !== want.type || (want.bits && details?.modulusLength !== want.bits) || (want.curve && details?.namedCurve !== want.curve)) {
      throw ImportedMaterialInvalid(`key ${key.keyId} is ${key.keySpec}; the imported private key is ${got}`);
    }
    return { secret: der, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
  }
}

function requireAes(material: Buffer): Buffer {
  if (material.length !== 32) throw ImportedMaterialInvalid(`AES_256 key material must be exactly 32 bytes, got ${material.length}`);
  return material;
}

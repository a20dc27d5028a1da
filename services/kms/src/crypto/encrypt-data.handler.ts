import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  DecryptDataRequest,
  EncryptDataRequest,
  InvalidAdditionalData,
  InvalidKmsParameter,
  MissingKmsParameter,
  validateBody,
} from '@dew/contracts';
import { openMessage, parseMessageHeader, rsaOaepDecrypt, rsaOaepEncrypt, sealMessage, type OaepAlgorithm } from '@dew/crypto';
import type { RequestContext } from '@dew/messaging';
import { RpcRegistry } from '@dew/nest-kit';
import { UsableKeys, type UsableKey } from './usable-key.js';
import { aadBytes, fromBase64 } from './wire.js';

const PLAINTEXT_MAX = 4096;
const CIPHERTEXT = /^[0-9a-zA-Z+/=]{128,5648}$/;
const AUDITED = ['key_id', 'encryption_algorithm'];
const OAEP: readonly string[] = ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'];

/**
 * encrypt-data / decrypt-data: AES-256-GCM under a per-message key for
 * AES_256 keys (the ciphertext names key and version, so decrypt needs no key id), RSAES-OAEP for
 * RSA ENCRYPT_DECRYPT keys (key id required on decrypt). Audited before answering.
 */
@Injectable()
export class EncryptDataHandler implements OnModuleInit {
  constructor(
    private readonly keys: UsableKeys,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    this.rpc.register('kms.encrypt-data', (body, ctx) => this.encrypt(validateBody(EncryptDataRequest, body), ctx));
    this.rpc.register('kms.decrypt-data', (body, ctx) => this.decrypt(validateBody(DecryptDataRequest, body), ctx));
  }

  async encrypt(req: EncryptDataRequest, ctx: RequestContext) {
    const plaintext = Buffer.from(req.plain_text, 'utf8');
    if (plaintext.length < 1 || plaintext.length > PLAINTEXT_MAX) {
      throw InvalidKmsParameter(`plain_text must be 1..${PLAINTEXT_MAX} bytes, got ${plaintext.length}`);
    }
    const usable = await this.keys.get(ctx, req.key_id, 'encrypt-data', 'ENCRYPT_DECRYPT');
    const cipher = usable.material.kind === 'symmetric'
      ? sealMessage(usable.material.secret, usable.key.keyId, usable.version.version, plaintext, aadBytes(req.additional_authenticated_data), 'data')
      : rsaOaepEncrypt(usable.material.publicKey, this.#oaep(req, usable), plaintext);
    await this.keys.recordUse(ctx, 'encryptData', usable, req, AUDITED);
    return { key_id: usable.key.keyId, cipher_text: cipher.toString('base64') };
  }

  async decrypt(req: DecryptDataRequest, ctx: RequestContext) {
    if (!CIPHERTEXT.test(req.cipher_text)) {
      throw InvalidKmsParameter(`cipher_text must be 128..5648 base64 characters, got ${req.cipher_text.length}`);
    }
    const blob = fromBase64('cipher_text', req.cipher_text);
    const isOaep = req.encryption_algorithm !== undefined && OAEP.includes(req.encryption_algorithm);
    let usable: UsableKey;
    let plaintext: Buffer;
    if (isOaep) {
      if (!req.key_id) throw MissingKmsParameter('key_id is required to decrypt with an RSA key');
      usable = await this.keys.get(ctx, req.key_id, 'decrypt-data', 'ENCRYPT_DECRYPT');
      if (usable.material.kind !== 'asymmetric') throw InvalidKmsParameter(`key ${usable.key.keyId} is symmetric; omit encryption_algorithm ${req.encryption_algorithm}`);
      plaintext = rsaOaepDecrypt(usable.material.privateKey, req.encryption_algorithm as OaepAlgorithm, blob);
    } else {
      const header = parseMessageHeader(blob);
      if (req.key_id && req.key_id !== header.keyId) throw InvalidKmsParameter(`cipher_text was made by key ${header.keyId}, not by key_id ${req.key_id.slice(0, 64)}`);
      usable = await this.keys.get(ctx, header.keyId, 'decrypt-data', 'ENCRYPT_DECRYPT', header.keyVersion);
      if (usable.material.kind !== 'symmetric') throw InvalidKmsParameter(`key ${usable.key.keyId} is asymmetric; name encryption_algorithm`);
      plaintext = openMessage(usable.material.secret, blob, aadBytes(req.additional_authenticated_data), 'data');
    }
    await this.keys.recordUse(ctx, 'decryptData', usable, req, AUDITED);
    return { key_id: usable.key.keyId, plain_text: plaintext.toString('utf8'), plain_text_base64: plaintext.toString('base64') };
  }

  #oaep(req: EncryptDataRequest, usable: UsableKey): OaepAlgorithm {
    const alg = req.encryption_algorithm;
    if (alg === undefined || !OAEP.includes(alg)) {
      throw InvalidKmsParameter(`key ${usable.key.keyId} is ${usable.key.keySpec}: encryption_algorithm must be ${OAEP.join(' or ')}, got ${alg ?? 'none'}`);
    }
    if (req.additional_authenticated_data) throw InvalidAdditionalData('additional_authenticated_data cannot be bound with RSAES_OAEP');
    return alg as OaepAlgorithm;
  }
}

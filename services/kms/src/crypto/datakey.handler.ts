import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  CreateDatakeyRequest,
  DatakeyCipherLengthMismatch,
  DatakeyCiphertextInvalid,
  DecryptDatakeyRequest,
  EncryptDatakeyRequest,
  integerField,
  InvalidKmsParameter,
  validateBody,
} from '@dew/contracts';
import { digestHex, openMessage, parseDatakeyLength, parseMessageHeader, sealMessage, splitPlainDatakey } from '@dew/crypto';
import type { RequestContext } from '@dew/messaging';
import { RpcRegistry } from '@dew/nest-kit';
import { UsableKeys, type UsableKey } from './usable-key.js';
import { aadBytes, fromHex, toHex } from './wire.js';

const AUDITED = ['key_id', 'key_spec', 'datakey_length', 'datakey_plain_length', 'datakey_cipher_length'];

/**
 * Data keys: DEKs are random bytes sealed under the CMK's newest version
 * with purpose "datakey" (a data-key ciphertext never opens as encrypt-data's, nor the reverse).
 * Plaintexts and ciphertexts are hex on the wire.
 */
@Injectable()
export class DatakeyHandler implements OnModuleInit {
  constructor(
    private readonly keys: UsableKeys,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    this.rpc.register('kms.create-datakey', (body, ctx) => this.create(validateBody(CreateDatakeyRequest, body), ctx, true));
    this.rpc.register('kms.create-datakey-without-plaintext', (body, ctx) => this.create(validateBody(CreateDatakeyRequest, body), ctx, false));
    this.rpc.register('kms.encrypt-datakey', (body, ctx) => this.encrypt(validateBody(EncryptDatakeyRequest, body), ctx));
    this.rpc.register('kms.decrypt-datakey', (body, ctx) => this.decrypt(validateBody(DecryptDatakeyRequest, body), ctx));
  }

  async create(req: CreateDatakeyRequest, ctx: RequestContext, withPlaintext: boolean) {
    const length = parseDatakeyLength({
      ...(req.datakey_length !== undefined ? { datakey_length: req.datakey_length } : {}),
      ...(req.key_spec !== undefined ? { key_spec: req.key_spec } : {}),
    });
    const operation = withPlaintext ? 'create-datakey' : 'create-datakey-without-plaintext';
    const usable = await this.#symmetric(ctx, req.key_id, operation);
    const dek = randomBytes(length);
    try {
      const cipher = this.#seal(usable, dek, req.additional_authenticated_data);
      await this.keys.recordUse(ctx, withPlaintext ? 'createDatakey' : 'createDatakeyWithoutPlaintext', usable, req, AUDITED);
      return { key_id: usable.key.keyId, ...(withPlaintext ? { plain_text: toHex(dek) } : {}), cipher_text: toHex(cipher) };
    } finally {
      dek.fill(0);
    }
  }

  async encrypt(req: EncryptDatakeyRequest, ctx: RequestContext) {
    const dek = splitPlainDatakey(req.plain_text, integerField('datakey_plain_length', req.datakey_plain_length, 'KMS.2102'));
    const usable = await this.#symmetric(ctx, req.key_id, 'encrypt-datakey');
    const cipher = this.#seal(usable, dek, req.additional_authenticated_data);
    await this.keys.recordUse(ctx, 'encryptDatakey', usable, req, AUDITED);
    return { key_id: usable.key.keyId, cipher_text: toHex(cipher), datakey_length: String(dek.length) };
  }

  async decrypt(req: DecryptDatakeyRequest, ctx: RequestContext) {
    const declared = integerField('datakey_cipher_length', req.datakey_cipher_length, 'KMS.2202');
    const blob = fromHex('cipher_text', req.cipher_text, 'KMS.2201');
    const header = parseMessageHeader(blob);
    if (header.keyId !== req.key_id) throw DatakeyCiphertextInvalid(`cipher_text was made by key ${header.keyId}, not by key_id ${req.key_id.slice(0, 64)}`);
    const usable = await this.#symmetric(ctx, req.key_id, 'decrypt-datakey', header.keyVersion);
    if (usable.material.kind !== 'symmetric') throw InvalidKmsParameter(`key ${usable.key.keyId} is not symmetric`);
    const dek = openMessage(usable.material.secret, blob, aadBytes(req.additional_authenticated_data), 'datakey');
    try {
      if (dek.length !== declared) throw DatakeyCipherLengthMismatch(declared, dek.length);
      await this.keys.recordUse(ctx, 'decryptDatakey', usable, req, AUDITED);
      return { data_key: toHex(dek), datakey_length: String(dek.length), datakey_dgst: digestHex(dek) };
    } finally {
      dek.fill(0);
    }
  }

  async #symmetric(ctx: RequestContext, keyId: string, operation: string, version?: number): Promise<UsableKey> {
    const usable = await this.keys.get(ctx, keyId, operation, 'ENCRYPT_DECRYPT', version);
    if (usable.material.kind !== 'symmetric') throw InvalidKmsParameter(`${operation} needs an AES_256 key; key ${keyId} is ${usable.key.keySpec}`);
    return usable;
  }

  #seal(usable: UsableKey, dek: Buffer, aad: string | undefined): Buffer {
    if (usable.material.kind !== 'symmetric') throw InvalidKmsParameter(`key ${usable.key.keyId} is not symmetric`);
    return sealMessage(usable.material.secret, usable.key.keyId, usable.version.version, dek, aadBytes(aad), 'datakey');
  }
}

import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DatakeyCipherLengthMismatch, DatakeyCiphertextInvalid, InvalidKmsParameter, type CreateDatakeyRequest, type Operation } from '@dew/contracts';
import { parseDatakeyLength, type MessageHeader } from '@dew/crypto';
import type { RequestContext } from '@dew/messaging';
import { UsableKeys, type UsableKey } from './usable-key.js';
import { openUnder, sealUnder } from './cmk-messages.js';
import { aadBytes, toHex } from './wire.js';

/** The request fields a data-key call leaves in its audit record. */
export const DATAKEY_AUDITED = ['key_id', 'key_spec', 'datakey_length', 'datakey_plain_length', 'datakey_cipher_length'];

/**
 * Data keys: DEKs are random bytes sealed under the CMK's newest version with purpose "datakey"
 * (a data-key ciphertext never opens as encrypt-data's, nor the reverse). Plaintexts and
 * ciphertexts are hex on the wire. Data keys need an AES_256 or SM4 key.
 */
@Injectable()
export class Datakeys {
  constructor(private readonly keys: UsableKeys) {}

  /** create-datakey and create-datakey-without-plaintext: a new DEK, sealed, its plaintext answered or not. */
  async create(req: CreateDatakeyRequest, ctx: RequestContext, row: Operation, withPlaintext: boolean) {
    const length = parseDatakeyLength({
      ...(req.datakey_length !== undefined ? { datakey_length: req.datakey_length } : {}),
      ...(req.key_spec !== undefined ? { key_spec: req.key_spec } : {}),
    });
    const usable = await this.symmetric(ctx, req.key_id, row.name);
    const dek = randomBytes(length);
    try {
      const cipher = await this.seal(usable, dek, req.additional_authenticated_data);
      await this.keys.recordUse(ctx, row, usable, req, DATAKEY_AUDITED);
      return { key_id: usable.key.keyId, ...(withPlaintext ? { plain_text: toHex(dek) } : {}), cipher_text: toHex(cipher) };
    } finally {
      dek.fill(0);
    }
  }

  async symmetric(ctx: RequestContext, keyId: string, operation: string, version?: number): Promise<UsableKey> {
    const usable = await this.keys.get(ctx, keyId, operation, 'ENCRYPT_DECRYPT', version);
    if (usable.material.kind === 'asymmetric') throw InvalidKmsParameter(`${operation} needs an AES_256 or SM4 key; key ${keyId} is ${usable.key.keySpec}`);
    return usable;
  }

  seal(usable: UsableKey, dek: Buffer, aad: string | undefined): Promise<Buffer> {
    return sealUnder(usable, dek, aadBytes(aad), 'datakey');
  }

  /** A data-key ciphertext names its key: it must be the key the request names. */
  header(header: MessageHeader, keyId: string): MessageHeader {
    if (header.keyId !== keyId) throw DatakeyCiphertextInvalid(`cipher_text was made by key ${header.keyId}, not by key_id ${keyId.slice(0, 64)}`);
    return header;
  }

  /** The data key in `blob`, of the length the caller declared; the caller zeroes it after use. */
  async open(usable: UsableKey, blob: Buffer, aad: string | undefined, declared: number): Promise<Buffer> {
    const dek = await openUnder(usable, blob, aadBytes(aad), 'datakey');
    if (dek.length !== declared) {
      dek.fill(0);
      throw DatakeyCipherLengthMismatch(declared, dek.length);
    }
    return dek;
  }
}

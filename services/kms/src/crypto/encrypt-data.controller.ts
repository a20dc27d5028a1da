import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type EncryptDataRequest, type ReplyOf } from '@dew/contracts';
import { asymmetricEncrypt } from '@dew/crypto';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { UsableKeys } from './usable-key.js';
import { sealUnder } from './cmk-messages.js';
import { asymmetricForEncrypt, dataPlaintext } from './data-rules.js';
import { aadBytes } from './wire.js';

const row = kmsOperations.encryptData;
const AUDITED = ['key_id', 'encryption_algorithm'];

/** encrypt-data: AES-256-GCM for AES_256 keys, SM4-CTR + HMAC-SM3 for SM4 keys, RSAES-OAEP for RSA keys, SM2_ENCRYPT for SM2 keys (./data-rules.ts); audited before answering. */
@Controller()
export class EncryptDataController {
  constructor(private readonly keys: UsableKeys) {}

  @Handles(kmsOperations.encryptData)
  async encrypt(@Payload() req: EncryptDataRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.encryptData>> {
    const plaintext = dataPlaintext(req.plain_text);
    const usable = await this.keys.get(ctx, req.key_id, row.name, 'ENCRYPT_DECRYPT');
    const { key, material } = usable;
    const cipher = material.kind === 'asymmetric'
      ? asymmetricEncrypt(material.publicKey, asymmetricForEncrypt(key, req), plaintext)
      : await sealUnder(usable, plaintext, aadBytes(req.additional_authenticated_data), 'data');
    await this.keys.recordUse(ctx, row, usable, req, AUDITED);
    return { key_id: key.keyId, cipher_text: cipher.toString('base64') };
  }
}

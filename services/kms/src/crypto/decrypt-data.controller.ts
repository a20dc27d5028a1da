import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type DecryptDataRequest, type ReplyOf } from '@dew/contracts';
import { asymmetricDecrypt, parseMessageHeader, type AsymmetricEncryption } from '@dew/crypto';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { UsableKeys, type UsableKey } from './usable-key.js';
import { openUnder } from './cmk-messages.js';
import { asymmetricDecryption, asymmetricMaterial, ciphertextKey, dataCiphertext } from './data-rules.js';
import { aadBytes } from './wire.js';

const row = kmsOperations.decryptData;
const AUDITED = ['key_id', 'encryption_algorithm'];

/**
 * decrypt-data: a ciphertext of an AES_256 or SM4 key names its key, version and construction (docs/ciphertext.md), so
 * no key id is needed; an RSAES-OAEP or SM2_ENCRYPT one is opened with the key the request names. Audited.
 */
@Controller()
export class DecryptDataController {
  constructor(private readonly keys: UsableKeys) {}

  @Handles(kmsOperations.decryptData)
  async decrypt(@Payload() req: DecryptDataRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.decryptData>> {
    const blob = dataCiphertext(req.cipher_text);
    const asymmetric = asymmetricDecryption(req);
    const { usable, plaintext } = asymmetric
      ? await this.#withAsymmetric(ctx, asymmetric.keyId, asymmetric.algorithm, blob)
      : await this.#withAes(ctx, req, blob);
    await this.keys.recordUse(ctx, row, usable, req, AUDITED);
    return { key_id: usable.key.keyId, plain_text: plaintext.toString('utf8'), plain_text_base64: plaintext.toString('base64') };
  }

  async #withAsymmetric(ctx: RequestContext, keyId: string, algorithm: AsymmetricEncryption, blob: Buffer): Promise<{ usable: UsableKey; plaintext: Buffer }> {
    const usable = await this.keys.get(ctx, keyId, row.name, 'ENCRYPT_DECRYPT');
    const material = asymmetricMaterial(usable.key, usable.material, algorithm);
    return { usable, plaintext: asymmetricDecrypt(material.privateKey, algorithm, blob) };
  }

  async #withAes(ctx: RequestContext, req: DecryptDataRequest, blob: Buffer): Promise<{ usable: UsableKey; plaintext: Buffer }> {
    const header = ciphertextKey(parseMessageHeader(blob), req.key_id);
    const usable = await this.keys.get(ctx, header.keyId, row.name, 'ENCRYPT_DECRYPT', header.keyVersion);
    return { usable, plaintext: await openUnder(usable, blob, aadBytes(req.additional_authenticated_data), 'data') };
  }
}

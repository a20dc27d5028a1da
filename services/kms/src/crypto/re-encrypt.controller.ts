import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FieldNotOneOf, InvalidKmsParameter, kmsOperations, type ReEncryptRequest, type ReplyOf } from '@dew/contracts';
import { parseMessageHeader } from '@dew/crypto';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { UsableKeys } from './usable-key.js';
import { openUnder, sealUnder } from './cmk-messages.js';
import { aesMaterial, ciphertextKey, dataCiphertext } from './data-rules.js';
import { aadBytes } from './wire.js';

const row = kmsOperations.reEncrypt;
/** The trace names both keys: the source (its resource) and the destination (in the request). */
const AUDITED = ['key_id', 'source_key_id', 'destination_key_id'];
const SYMMETRIC = 'SYMMETRIC_DEFAULT';

function symmetricOnly(field: string, value: string | undefined): void {
  if (value !== undefined && value !== SYMMETRIC) throw FieldNotOneOf(field, [SYMMETRIC], value);
}

/**
 * re-encrypt (docs/api-decisions.md, "re-encrypt"): an encrypt-data ciphertext of an AES_256 or SM4
 * key opened under its source key and sealed under the destination key (either construction), inside kms; the plaintext is
 * never answered. Both keys are authorised before anything is opened: the source as decrypt-data
 * (the gateway's decision on it), the destination as encrypt-data (its decision on the second key).
 */
@Controller()
export class ReEncryptController {
  constructor(private readonly keys: UsableKeys) {}

  @Handles(kmsOperations.reEncrypt)
  async reEncrypt(@Payload() req: ReEncryptRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.reEncrypt>> {
    symmetricOnly('source_encryption_algorithm', req.source_encryption_algorithm);
    symmetricOnly('destination_encryption_algorithm', req.destination_encryption_algorithm);
    if (req.datakey_cipher_length !== undefined) {
      throw InvalidKmsParameter('datakey_cipher_length does not apply: DEW re-encrypts encrypt-data ciphertexts (base64), not data-key ciphertexts');
    }
    const blob = dataCiphertext(req.cipher_text);
    const header = ciphertextKey(ciphertextKey(parseMessageHeader(blob), req.key_id), req.source_key_id);
    const source = await this.keys.get(ctx, header.keyId, kmsOperations.decryptData.name, 'ENCRYPT_DECRYPT', header.keyVersion);
    const destinationCtx: RequestContext = { ...ctx, iamDecision: ctx.secondKeyDecision ?? 'NoAllow' };
    const destination = await this.keys.get(destinationCtx, req.destination_key_id, kmsOperations.encryptData.name, 'ENCRYPT_DECRYPT');
    // Both keys must be symmetric before anything is opened.
    aesMaterial(source.key, source.material);
    aesMaterial(destination.key, destination.material);
    const plaintext = await openUnder(source, blob, aadBytes(req.source_additional_authenticated_data), 'data');
    try {
      const sealed = await sealUnder(destination, plaintext, aadBytes(req.destination_additional_authenticated_data), 'data');
      await this.keys.recordUse(ctx, row, source, req, AUDITED);
      return {
        key_id: destination.key.keyId,
        source_key_id: source.key.keyId,
        source_encryption_algorithm: SYMMETRIC,
        destination_encryption_algorithm: SYMMETRIC,
        cipher_text: sealed.toString('base64'),
      };
    } finally {
      plaintext.fill(0);
    }
  }
}

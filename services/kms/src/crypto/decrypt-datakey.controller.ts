import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { integerField, kmsOperations, type DecryptDatakeyRequest, type ReplyOf } from '@dew/contracts';
import { digestHex, parseMessageHeader } from '@dew/crypto';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { UsableKeys } from './usable-key.js';
import { datakeyDigest } from './data-rules.js';
import { DATAKEY_AUDITED, Datakeys } from './datakeys.js';
import { fromHex, toHex } from './wire.js';

const row = kmsOperations.decryptDatakey;

/** decrypt-datakey: opens a data key with the key version its ciphertext names (./datakeys.ts). */
@Controller()
export class DecryptDatakeyController {
  constructor(
    private readonly datakeys: Datakeys,
    private readonly keys: UsableKeys,
  ) {}

  @Handles(kmsOperations.decryptDatakey)
  async decrypt(@Payload() req: DecryptDatakeyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.decryptDatakey>> {
    const declared = integerField('datakey_cipher_length', req.datakey_cipher_length, 'KMS.2202');
    const blob = fromHex('cipher_text', req.cipher_text, 'KMS.2201');
    const header = this.datakeys.header(parseMessageHeader(blob), req.key_id);
    const usable = await this.datakeys.symmetric(ctx, req.key_id, row.name, header.keyVersion);
    const dek = await this.datakeys.open(usable, blob, req.additional_authenticated_data, declared);
    try {
      await this.keys.recordUse(ctx, row, usable, req, DATAKEY_AUDITED);
      return { data_key: toHex(dek), datakey_length: String(dek.length), datakey_dgst: digestHex(dek, datakeyDigest(usable.key)) };
    } finally {
      dek.fill(0);
    }
  }
}

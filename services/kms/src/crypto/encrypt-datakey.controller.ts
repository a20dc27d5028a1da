import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { integerField, kmsOperations, type EncryptDatakeyRequest, type ReplyOf } from '@dew/contracts';
import { splitPlainDatakey } from '@dew/crypto';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { UsableKeys } from './usable-key.js';
import { DATAKEY_AUDITED, Datakeys } from './datakeys.js';
import { datakeyDigest } from './data-rules.js';
import { toHex } from './wire.js';

const row = kmsOperations.encryptDatakey;

/** encrypt-datakey: seals a data key the caller holds (its plaintext and digest, hex; SM3 under an SM4 key). */
@Controller()
export class EncryptDatakeyController {
  constructor(
    private readonly datakeys: Datakeys,
    private readonly keys: UsableKeys,
  ) {}

  @Handles(kmsOperations.encryptDatakey)
  async encrypt(@Payload() req: EncryptDatakeyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.encryptDatakey>> {
    const declared = integerField('datakey_plain_length', req.datakey_plain_length, 'KMS.2102');
    const usable = await this.datakeys.symmetric(ctx, req.key_id, row.name);
    const dek = splitPlainDatakey(req.plain_text, declared, datakeyDigest(usable.key));
    const cipher = await this.datakeys.seal(usable, dek, req.additional_authenticated_data);
    await this.keys.recordUse(ctx, row, usable, req, DATAKEY_AUDITED);
    return { key_id: usable.key.keyId, cipher_text: toHex(cipher), datakey_length: String(dek.length) };
  }
}

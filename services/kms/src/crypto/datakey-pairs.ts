import { Injectable } from '@nestjs/common';
import type { CreateDatakeyPairReply, CreateDatakeyPairRequest, Operation } from '@dew/contracts';
import { MaterialGenerator } from '@dew/crypto';
import { parsePairSpec, type PairFamily } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { sealUnder } from './cmk-messages.js';
import { Datakeys } from './datakeys.js';
import { UsableKeys } from './usable-key.js';
import { aadBytes } from './wire.js';

/** The request fields a data-key-pair call leaves in its audit record. */
const PAIR_AUDITED = ['key_id', 'key_spec', 'with_plain_text'];

/**
 * Data key pairs (docs/api-decisions.md, "Data key pairs and shared secrets"): a fresh RSA or EC
 * pair, its PKCS#8 private key sealed under the CMK's newest version (AES_256 or SM4) as
 * encrypt-data seals (purpose "data", the AAD bound), so decrypt-data gives it back (docs/ciphertext.md). Keys are
 * base64 DER; the plaintext private key is answered only when with_plain_text is not false.
 */
@Injectable()
export class DatakeyPairs {
  constructor(
    private readonly keys: UsableKeys,
    private readonly datakeys: Datakeys,
    private readonly generator: MaterialGenerator,
  ) {}

  async create(req: CreateDatakeyPairRequest, ctx: RequestContext, row: Operation, family: PairFamily): Promise<CreateDatakeyPairReply> {
    const spec = family === 'RSA' ? parsePairSpec('RSA', req.key_spec) : parsePairSpec('EC', req.key_spec);
    const aad = aadBytes(req.additional_authenticated_data);
    const usable = await this.datakeys.symmetric(ctx, req.key_id, row.name);
    const pair = await this.generator.generatePair(spec);
    try {
      const sealed = await sealUnder(usable, pair.privateKey, aad, 'data');
      await this.keys.recordUse(ctx, row, usable, req, PAIR_AUDITED);
      return {
        key_id: usable.key.keyId,
        key_spec: spec,
        public_key: pair.publicKey.toString('base64'),
        private_key_cipher_text: sealed.toString('base64'),
        ...(req.with_plain_text === false ? {} : { private_key_plain_text: pair.privateKey.toString('base64') }),
      };
    } finally {
      pair.privateKey.fill(0);
    }
  }
}

import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type GetParametersForImportRequest, type ReplyOf } from '@dew/contracts';
import { OwnerKeys, type OaepAlgorithm } from '@dew/crypto';
import { decide } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { ImportTokens, wrappingEntry } from './import-tokens.js';
import { WrappingKeyPool } from './wrapping-key-pool.js';

const TOKEN_TTL_MS = 24 * 3600 * 1000;
const SHA1_WARNING = 'RSAES_OAEP_SHA_1 is insecure (SHA-1); prefer RSAES_OAEP_SHA_256';

/**
 * get-parameters-for-import: a fresh wrapping key pair and a token for one import into an
 * external key (docs/features.md, "Bring your own key"); the private key waits sealed in the token
 * under its own keyring entry, erased once used or expired.
 */
@Controller()
export class GetParametersForImportController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly crypto: OwnerKeys,
    private readonly tokens: ImportTokens,
    private readonly pool: WrappingKeyPool,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.getParametersForImport)
  async issue(@Payload() req: GetParametersForImportRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.getParametersForImport>> {
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
      ...(algorithm === 'RSAES_OAEP_SHA_1' ? { wrapping_algorithm_warning: SHA1_WARNING } : {}),
    };
  }
}

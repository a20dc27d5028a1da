import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyStoreIdRequest, type ReplyOf } from '@dew/contracts';
import { decide } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { KeyStoreKeys } from './key-store-keys.js';

/**
 * delete-key-store: a disabled store none of whose keys is left but those pending deletion. The
 * store stays a tombstone (its access entry kept) so those keys' HSM keys are still destroyed when
 * their waiting period ends; with none pending, KMS's access is erased at once (docs/api-decisions.md, "Key stores").
 */
@Controller()
export class DeleteKeyStoreController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly keyStores: KeyStoreKeys,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.deleteKeyStore)
  async delete(@Payload() req: KeyStoreIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.deleteKeyStore>> {
    const { state } = await this.keyrings.execute(ctx, (s) => decide(s, { type: 'DeleteKeyStore', keystoreId: req.keystore_id, now: this.clock.now() }));
    await this.keyStores.retireIfDone(state, req.keystore_id);
    return {};
  }
}

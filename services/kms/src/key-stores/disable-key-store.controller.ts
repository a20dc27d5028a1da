import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyStoreIdRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { changeKeyStoreState } from './key-store-views.js';

/** disable-key-store: its keys refuse every crypto call (KMS.2905) until it is enabled again. */
@Controller()
export class DisableKeyStoreController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.disableKeyStore)
  disable(@Payload() req: KeyStoreIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.disableKeyStore>> {
    return changeKeyStoreState(this.keyrings, ctx, { type: 'DisableKeyStore', keystoreId: req.keystore_id, now: this.clock.now() });
  }
}

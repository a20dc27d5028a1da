import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyStoreIdRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { changeKeyStoreState } from './key-store-views.js';

/** enable-key-store: its keys serve crypto calls again. */
@Controller()
export class EnableKeyStoreController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.enableKeyStore)
  enable(@Payload() req: KeyStoreIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.enableKeyStore>> {
    return changeKeyStoreState(this.keyrings, ctx, { type: 'EnableKeyStore', keystoreId: req.keystore_id, now: this.clock.now() });
  }
}

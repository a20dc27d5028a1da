import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyStoreIdRequest, type ReplyOf } from '@dew/contracts';
import { liveKeyStore } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { toKeystoreDetails } from './key-store-views.js';

/** show-key-store: a key store of the caller's project (another project's is KMS.2902, as an unknown one). */
@Controller()
export class ShowKeyStoreController {
  constructor(private readonly keyrings: Keyrings) {}

  @Handles(kmsOperations.showKeyStore)
  show(@Payload() req: KeyStoreIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.showKeyStore> {
    return { keystore: toKeystoreDetails(liveKeyStore(this.keyrings.of(ctx.projectId), req.keystore_id)) };
  }
}

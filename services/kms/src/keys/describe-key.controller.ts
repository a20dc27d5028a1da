import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyOpRequest, type ReplyOf } from '@dew/contracts';
import { liveKey } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { KeyAccess } from './key-access.js';
import { toKeyDetails } from './key-details.js';

/** describe-key: also a key of another project, through a grant (KeyAccess). */
@Controller()
export class DescribeKeyController {
  constructor(
    private readonly access: KeyAccess,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
  ) {}

  @Handles(kmsOperations.describeKey)
  describe(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.describeKey> {
    const key = liveKey(this.access.resolve(ctx, req.key_id, kmsOperations.describeKey.name), req.key_id);
    return { key_info: toKeyDetails(key, this.settings.service.region) };
  }
}

import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type ListSupportRegionsRequest, type ReplyOf } from '@dew/contracts';
import { Handles } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';

/** KmsClient v2 ListSupportRegions: a DEW deployment is one region, its own (docs/api-decisions.md, "Regions"). */
@Controller()
export class ListSupportRegionsController {
  constructor(@Inject(KMS_SETTINGS) private readonly settings: KmsSettings) {}

  @Handles(kmsOperations.listSupportRegions)
  list(@Payload() _req: ListSupportRegionsRequest): ReplyOf<typeof kmsOperations.listSupportRegions> {
    return { regions: [this.settings.service.region] };
  }
}

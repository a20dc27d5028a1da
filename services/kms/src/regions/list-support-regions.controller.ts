import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FieldOutOfRange, integerField, kmsOperations, type ListSupportRegionsRequest, type ReplyOf } from '@dew/contracts';
import { Handles } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';

/** Huawei's page: `limit` defaults to 10. DEW bounds it like its other lists. */
const LIMIT_DEFAULT = 10;
const LIMIT_MAX = 1000;

/** KmsClient v2 ListSupportRegions: a DEW deployment is one region, its own (docs/api-decisions.md, "Regions"). */
@Controller()
export class ListSupportRegionsController {
  constructor(@Inject(KMS_SETTINGS) private readonly settings: KmsSettings) {}

  @Handles(kmsOperations.listSupportRegions)
  list(@Payload() req: ListSupportRegionsRequest): ReplyOf<typeof kmsOperations.listSupportRegions> {
    const limit = req.limit === undefined ? LIMIT_DEFAULT : integerField('limit', req.limit);
    const offset = req.offset === undefined ? 0 : integerField('offset', req.offset);
    if (limit < 1 || limit > LIMIT_MAX) throw FieldOutOfRange('limit', 1, LIMIT_MAX, limit);
    if (offset < 0) throw FieldOutOfRange('offset', 0, Number.MAX_SAFE_INTEGER, offset);
    return { regions: [this.settings.service.region].slice(offset, offset + limit) };
  }
}

import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { integerField, kmsOperations, type ListKeysByTagsRequest, type ReplyOf } from '@dew/contracts';
import { findByTags } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { Keyrings } from '../keys/keyrings.js';
import { toKeyDetails } from '../keys/key-details.js';

/** `resource_instances/action`: keys by tags, a page of them (`filter`) or their number (`count`). */
@Controller()
export class ListKeysByTagsController {
  constructor(
    private readonly keyrings: Keyrings,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
  ) {}

  @Handles(kmsOperations.listKeysByTags)
  search(@Payload() req: ListKeysByTagsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.listKeysByTags> {
    const counting = req.action === 'count';
    const result = findByTags(this.keyrings.of(ctx.projectId), {
      tags: req.tags ?? [],
      ...(req.matches ? { matches: req.matches } : {}),
      offset: counting || req.offset === undefined ? 0 : integerField('offset', req.offset, 'KMS.0417'),
      limit: counting ? 1000 : req.limit === undefined ? 10 : integerField('limit', req.limit, 'KMS.1601'),
    });
    if (counting) return { total_count: result.total };
    return {
      resources: result.keys.map((k) => ({
        resource_id: k.keyId,
        resource_detail: toKeyDetails(k, this.settings.service.region),
        resource_name: k.alias,
        tags: k.tags.map((t) => ({ key: t.key, value: t.value })),
      })),
      total_count: result.total,
    };
  }
}

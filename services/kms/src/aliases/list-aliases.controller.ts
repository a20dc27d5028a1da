import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { integerField, kmsOperations, type ListAliasesRequest, type ReplyOf } from '@dew/contracts';
import { listAliases } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { toAliasEntity } from './alias-views.js';

@Controller()
export class ListAliasesController {
  constructor(
    private readonly keyrings: Keyrings,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
  ) {}

  @Handles(kmsOperations.listAliases)
  list(@Payload() req: ListAliasesRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.listAliases> {
    const page = listAliases(this.keyrings.of(ctx.projectId), {
      ...(req.key_id !== undefined ? { keyId: req.key_id } : {}),
      ...(req.limit !== undefined ? { limit: integerField('limit', req.limit, 'KMS.1601') } : {}),
      ...(req.marker !== undefined && req.marker !== '' ? { marker: req.marker } : {}),
    });
    return {
      aliases: page.aliases.map((e) => toAliasEntity(e, ctx.domainId, this.settings.service.region)),
      page_info: { next_marker: page.nextMarker ?? '', current_count: page.aliases.length },
    };
  }
}

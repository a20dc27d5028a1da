import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { integerField, kmsOperations, type ListKeysRequest, type ReplyOf } from '@dew/contracts';
import { listKeys } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { Keyrings } from './keyrings.js';
import { toKeyDetails } from './key-details.js';

@Controller()
export class ListKeysController {
  constructor(
    private readonly keyrings: Keyrings,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
  ) {}

  @Handles(kmsOperations.listKeys)
  list(@Payload() req: ListKeysRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.listKeys> {
    const page = listKeys(this.keyrings.of(ctx.projectId), {
      limit: req.limit === undefined ? 1000 : integerField('limit', req.limit, 'KMS.1601'),
      ...(req.marker !== undefined && req.marker !== '' ? { marker: integerField('marker', req.marker, 'KMS.1602') } : {}),
      ...(req.key_state !== undefined ? { keyState: req.key_state } : {}),
      ...(req.key_spec !== undefined ? { keySpec: req.key_spec } : {}),
      ...(req.enterprise_project_id !== undefined ? { enterpriseProjectId: req.enterprise_project_id } : {}),
    });
    return {
      keys: page.keys.map((k) => k.keyId),
      key_details: page.keys.map((k) => toKeyDetails(k, this.settings.service.region)),
      next_marker: page.nextMarker,
      truncated: page.truncated ? 'true' : 'false',
      total: page.total,
    };
  }
}

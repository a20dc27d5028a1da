import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type CreateAliasRequest, type ReplyOf } from '@dew/contracts';
import { decide } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { aliasEntityIn } from './alias-views.js';

@Controller()
export class CreateAliasController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
  ) {}

  @Handles(kmsOperations.createAlias)
  async create(@Payload() req: CreateAliasRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.createAlias>> {
    const { state } = await this.keyrings.execute(ctx, (s) => decide(s, { type: 'CreateAlias', keyId: req.key_id, alias: req.alias, now: this.clock.now() }));
    return aliasEntityIn(state, req.alias, ctx.domainId, this.settings.service.region);
  }
}

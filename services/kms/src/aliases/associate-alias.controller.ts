import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type AssociateAliasRequest, type ReplyOf } from '@dew/contracts';
import { decide } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { aliasEntityIn } from './alias-views.js';
import { CurrentKeyRights } from './current-key-rights.js';

@Controller()
export class AssociateAliasController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
    private readonly rights: CurrentKeyRights,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
  ) {}

  @Handles(kmsOperations.associateAlias)
  async associate(@Payload() req: AssociateAliasRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.associateAlias>> {
    const command = { type: 'AssociateAlias', alias: req.alias, targetKeyId: req.target_key_id, now: this.clock.now() } as const;
    await this.rights.require(ctx, req.alias, req.target_key_id);
    const { state } = await this.keyrings.execute(ctx, (s) => decide(s, command));
    return aliasEntityIn(state, req.alias, ctx.domainId, this.settings.service.region);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type GrantIdRequest, type ReplyOf } from '@dew/contracts';
import { decide } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { KeyAccess } from '../keys/key-access.js';

const row = kmsOperations.retireGrant;

/** retire-grant: by its grantee or retiring principal, so the key may live in another project (KeyAccess). */
@Controller()
export class RetireGrantController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly access: KeyAccess,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.retireGrant)
  async retire(@Payload() req: GrantIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.retireGrant>> {
    const keyring = this.access.resolve(ctx, req.key_id, row.name);
    const retiringCaller = { userId: ctx.userId, domainId: ctx.domainId };
    await this.keyrings.execute(ctx, (s) => decide(s, { type: 'RetireGrant', keyId: req.key_id, grantId: req.grant_id, retiringCaller, now: this.clock.now() }), keyring.projectId);
    return {};
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type GrantIdRequest, type ReplyOf } from '@dew/contracts';
import { decide } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

/** revoke-grant: the key owner's (a key of the caller's project). */
@Controller()
export class RevokeGrantController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.revokeGrant)
  async revoke(@Payload() req: GrantIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.revokeGrant>> {
    await this.keyrings.execute(ctx, (s) => decide(s, { type: 'RevokeGrant', keyId: req.key_id, grantId: req.grant_id, now: this.clock.now() }));
    return {};
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type ResolveAliasRequest, type ReplyOf } from '@dew/contracts';
import { keyIdOfAlias } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

/** The gateway's question before IAM is asked: which key of the request's project an alias names. */
@Controller()
export class ResolveAliasController {
  constructor(private readonly keyrings: Keyrings) {}

  @Handles(kmsOperations.resolveAlias)
  resolve(@Payload() req: ResolveAliasRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.resolveAlias> {
    return { key_id: keyIdOfAlias(this.keyrings.of(ctx.projectId), req.alias) };
  }
}

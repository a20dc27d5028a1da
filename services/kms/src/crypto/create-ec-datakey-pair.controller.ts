import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type CreateDatakeyPairRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { DatakeyPairs } from './datakey-pairs.js';

/** create-ec-datakey-pair: a new EC data key pair, its private key sealed under the CMK (./datakey-pairs.ts). */
@Controller()
export class CreateEcDatakeyPairController {
  constructor(private readonly pairs: DatakeyPairs) {}

  @Handles(kmsOperations.createEcDatakeyPair)
  create(@Payload() req: CreateDatakeyPairRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.createEcDatakeyPair>> {
    return this.pairs.create(req, ctx, kmsOperations.createEcDatakeyPair, 'EC');
  }
}

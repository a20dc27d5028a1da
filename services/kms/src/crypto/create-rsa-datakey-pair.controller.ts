import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type CreateDatakeyPairRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { DatakeyPairs } from './datakey-pairs.js';

/** create-rsa-datakey-pair: a new RSA data key pair, its private key sealed under the CMK (./datakey-pairs.ts). */
@Controller()
export class CreateRsaDatakeyPairController {
  constructor(private readonly pairs: DatakeyPairs) {}

  @Handles(kmsOperations.createRsaDatakeyPair)
  create(@Payload() req: CreateDatakeyPairRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.createRsaDatakeyPair>> {
    return this.pairs.create(req, ctx, kmsOperations.createRsaDatakeyPair, 'RSA');
  }
}

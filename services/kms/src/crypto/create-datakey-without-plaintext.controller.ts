import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type CreateDatakeyRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Datakeys } from './datakeys.js';

/** create-datakey-without-plaintext: a new data key, answered sealed only (./datakeys.ts). */
@Controller()
export class CreateDatakeyWithoutPlaintextController {
  constructor(private readonly datakeys: Datakeys) {}

  @Handles(kmsOperations.createDatakeyWithoutPlaintext)
  create(@Payload() req: CreateDatakeyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.createDatakeyWithoutPlaintext>> {
    return this.datakeys.create(req, ctx, kmsOperations.createDatakeyWithoutPlaintext, false);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type CreateDatakeyRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Datakeys } from './datakeys.js';

/** create-datakey: a new data key, answered in plaintext and sealed (./datakeys.ts). */
@Controller()
export class CreateDatakeyController {
  constructor(private readonly datakeys: Datakeys) {}

  @Handles(kmsOperations.createDatakey)
  create(@Payload() req: CreateDatakeyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.createDatakey>> {
    return this.datakeys.create(req, ctx, kmsOperations.createDatakey, true);
  }
}

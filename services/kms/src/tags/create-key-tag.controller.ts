import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type CreateKeyTagRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

/** Adds or replaces one tag; answers 204. */
@Controller()
export class CreateKeyTagController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.createKeyTag)
  async add(@Payload() req: CreateKeyTagRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.createKeyTag>> {
    await this.keyrings.change(ctx, { type: 'AddKeyTag', keyId: req.key_id, tag: { key: req.tag.key, value: req.tag.value ?? '' }, now: this.clock.now() });
    return {};
  }
}

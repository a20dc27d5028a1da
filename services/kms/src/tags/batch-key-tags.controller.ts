import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type BatchKeyTagsRequest, type ReplyOf } from '@dew/contracts';
import { batchTagAction } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

/** Adds or removes several tags at once; answers 204. */
@Controller()
export class BatchKeyTagsController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.batchKeyTags)
  async batch(@Payload() req: BatchKeyTagsRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.batchKeyTags>> {
    const action = batchTagAction(req.action);
    const tags = req.tags.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}) }));
    await this.keyrings.change(ctx, { type: 'BatchKeyTags', keyId: req.key_id, action, tags, now: this.clock.now() });
    return {};
  }
}

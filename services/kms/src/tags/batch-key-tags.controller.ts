import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, TagActionInvalid, type BatchKeyTagsRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

/**
 * The batch action, refused before the key is looked at (its message shows at most 20
 * characters, unquoted: the wire answer of this route; the domain refuses it again on decide).
 */
function batchAction(action: string): 'create' | 'delete' {
  if (action !== 'create' && action !== 'delete') throw TagActionInvalid(action.slice(0, 20));
  return action;
}

/** Adds or removes several tags at once; answers 204. */
@Controller()
export class BatchKeyTagsController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.batchKeyTags)
  async batch(@Payload() req: BatchKeyTagsRequest, @Caller() ctx: RequestContext) {
    const action = batchAction(req.action);
    const tags = req.tags.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}) }));
    await this.keyrings.change(ctx, { type: 'BatchKeyTags', keyId: req.key_id, action, tags, now: this.clock.now() });
    return {};
  }
}

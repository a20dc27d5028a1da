import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyOpRequest, type ReplyOf } from '@dew/contracts';
import { liveKey } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

@Controller()
export class ShowKeyTagsController {
  constructor(private readonly keyrings: Keyrings) {}

  @Handles(kmsOperations.showKeyTags)
  show(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.showKeyTags> {
    const key = liveKey(this.keyrings.of(ctx.projectId), req.key_id);
    return { tags: key.tags.map((t) => ({ key: t.key, value: t.value })), existTagsNum: key.tags.length };
  }
}

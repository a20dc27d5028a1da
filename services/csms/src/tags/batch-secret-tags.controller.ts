import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type BatchSecretTagsRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretTags } from './secret-tags.js';
import { batchTagAction } from './tag-actions.js';

/** POST csms/{secret_id}/tags/action: create or delete several tags at once. */
@Controller()
export class BatchSecretTagsController {
  constructor(private readonly tags: SecretTags) {}

  @Handles(csmsOperations.batchSecretTags)
  async batch(@Payload() r: BatchSecretTagsRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.batchSecretTags>> {
    const action = batchTagAction(r.action);
    await this.tags.change(ctx, { type: 'BatchSecretTags', secretId: r.secret_id, action, tags: r.tags.map((t) => ({ key: t.key, value: t.value ?? '' })) });
    return {};
  }
}

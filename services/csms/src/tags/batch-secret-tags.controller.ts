import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type BatchSecretTagsRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { batchTagAction } from './tag-actions.js';

/** POST csms/{secret_id}/tags/action: create or delete several tags at once. */
@Controller()
export class BatchSecretTagsController {
  constructor(
    private readonly sets: SecretSets,
    private readonly clock: Clock,
  ) {}

  @Handles(csmsOperations.batchSecretTags)
  async batch(@Payload() r: BatchSecretTagsRequest, @Caller() ctx: RequestContext) {
    const action = batchTagAction(r.action);
    const tags = r.tags.map((t) => ({ key: t.key, value: t.value ?? '' }));
    await this.sets.execute(ctx, { type: 'BatchSecretTags', secretId: r.secret_id, action, tags, now: this.clock.now() });
    return {};
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type DeleteSecretTagRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretTags } from './secret-tags.js';

/** DELETE csms/{secret_id}/tags/{tag_key}. */
@Controller()
export class DeleteSecretTagController {
  constructor(private readonly tags: SecretTags) {}

  @Handles(csmsOperations.deleteSecretTag)
  async delete(@Payload() r: DeleteSecretTagRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.deleteSecretTag>> {
    await this.tags.change(ctx, { type: 'RemoveSecretTag', secretId: r.secret_id, tagKey: r.tag_key });
    return {};
  }
}

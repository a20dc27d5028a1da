import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type CreateSecretTagRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretTags } from './secret-tags.js';

/** POST csms/{secret_id}/tags: one tag (an existing key gets the new value). */
@Controller()
export class CreateSecretTagController {
  constructor(private readonly tags: SecretTags) {}

  @Handles(csmsOperations.createSecretTag)
  async create(@Payload() r: CreateSecretTagRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.createSecretTag>> {
    await this.tags.change(ctx, { type: 'AddSecretTag', secretId: r.secret_id, tag: { key: r.tag.key, value: r.tag.value ?? '' } });
    return {};
  }
}

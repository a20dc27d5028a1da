import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type CreateSecretTagRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';

/** POST csms/{secret_id}/tags: one tag (an existing key gets the new value). */
@Controller()
export class CreateSecretTagController {
  constructor(
    private readonly sets: SecretSets,
    private readonly clock: Clock,
  ) {}

  @Handles(csmsOperations.createSecretTag)
  async create(@Payload() r: CreateSecretTagRequest, @Caller() ctx: RequestContext) {
    await this.sets.execute(ctx, { type: 'AddSecretTag', secretId: r.secret_id, tag: { key: r.tag.key, value: r.tag.value ?? '' }, now: this.clock.now() });
    return {};
  }
}

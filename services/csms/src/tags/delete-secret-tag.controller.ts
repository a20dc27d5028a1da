import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type DeleteSecretTagRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';

/** DELETE csms/{secret_id}/tags/{tag_key}. */
@Controller()
export class DeleteSecretTagController {
  constructor(
    private readonly sets: SecretSets,
    private readonly clock: Clock,
  ) {}

  @Handles(csmsOperations.deleteSecretTag)
  async delete(@Payload() r: DeleteSecretTagRequest, @Caller() ctx: RequestContext) {
    await this.sets.execute(ctx, { type: 'RemoveSecretTag', secretId: r.secret_id, tagKey: r.tag_key, now: this.clock.now() });
    return {};
  }
}

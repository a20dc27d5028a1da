import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type SecretStageRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';

/** DELETE secrets/{secret_name}/stages/{stage_name}: a custom stage (system stages stay). */
@Controller()
export class DeleteSecretStageController {
  constructor(
    private readonly sets: SecretSets,
    private readonly clock: Clock,
  ) {}

  @Handles(csmsOperations.deleteSecretStage)
  async delete(@Payload() r: SecretStageRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.deleteSecretStage>> {
    await this.sets.execute(ctx, { type: 'DeleteStage', name: r.secret_name, stage: r.stage_name, now: this.clock.now() });
    return {};
  }
}

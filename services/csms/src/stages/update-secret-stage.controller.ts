import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type UpdateSecretStageRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { stageView } from './stage-view.js';

/** PUT secrets/{secret_name}/stages/{stage_name}: the stage moves to another version. */
@Controller()
export class UpdateSecretStageController {
  constructor(
    private readonly sets: SecretSets,
    private readonly clock: Clock,
  ) {}

  @Handles(csmsOperations.updateSecretStage)
  async update(@Payload() r: UpdateSecretStageRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.updateSecretStage>> {
    const { secret } = await this.sets.change(ctx, { type: 'UpdateStage', name: r.secret_name, stage: r.stage_name, versionId: r.version_id, now: this.clock.now() });
    return stageView(secret, r.stage_name);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type SecretStageRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';
import { stageView } from './stage-view.js';

/** GET secrets/{secret_name}/stages/{stage_name}: the version the stage points at. */
@Controller()
export class ShowSecretStageController {
  constructor(private readonly sets: SecretSets) {}

  @Handles(csmsOperations.showSecretStage)
  show(@Payload() r: SecretStageRequest, @Caller() ctx: RequestContext): ReplyOf<typeof csmsOperations.showSecretStage> {
    return stageView(this.sets.usable(ctx, r.secret_name), r.stage_name);
  }
}

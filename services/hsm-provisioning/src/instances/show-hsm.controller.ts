import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { dhsmOperations, type HsmInstanceIdRequest, type ReplyOf } from '@dew/contracts';
import { requireInstance } from '@dew/hsm-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { HsmInstanceSets } from './instance-sets.js';
import { detail } from './views.js';

/** GET dew-hsm/instances/{instance_id}: guide table 4-5. */
@Controller()
export class ShowHsmController {
  constructor(private readonly sets: HsmInstanceSets) {}

  @Handles(dhsmOperations.showHsm)
  show(@Payload() r: HsmInstanceIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof dhsmOperations.showHsm> {
    const set = this.sets.of(ctx.projectId);
    return { instance: detail(set, requireInstance(set, r.instance_id)) };
  }
}

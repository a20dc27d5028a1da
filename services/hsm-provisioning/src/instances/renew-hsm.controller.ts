import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { dhsmOperations, type RenewHsmRequest, type ReplyOf } from '@dew/contracts';
import { requireInstance } from '@dew/hsm-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { NodeSupervisor } from '../nodes/node-supervisor.js';
import { HsmInstanceSets } from './instance-sets.js';
import { detail } from './views.js';

/** POST dew-hsm/instances/{instance_id}/renew: extends the period; a frozen instance runs again (H4). */
@Controller()
export class RenewHsmController {
  constructor(private readonly sets: HsmInstanceSets, private readonly clock: Clock, private readonly nodes: NodeSupervisor) {}

  @Handles(dhsmOperations.renewHsm)
  async renew(@Payload() r: RenewHsmRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof dhsmOperations.renewHsm>> {
    const { state } = await this.sets.execute(ctx, { type: 'RenewHsmInstance', instanceId: r.instance_id, months: r.period_num, now: this.clock.now() });
    await this.nodes.reconcile();
    return { instance: detail(state, requireInstance(state, r.instance_id)) };
  }
}

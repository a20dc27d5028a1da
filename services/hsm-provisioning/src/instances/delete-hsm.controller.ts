import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { dhsmOperations, type HsmInstanceIdRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { NodeSupervisor } from '../nodes/node-supervisor.js';
import { HsmInstanceSets } from './instance-sets.js';

/** DELETE dew-hsm/instances/{instance_id}: its nodes are stopped and its addresses are free again. */
@Controller()
export class DeleteHsmController {
  constructor(private readonly sets: HsmInstanceSets, private readonly clock: Clock, private readonly nodes: NodeSupervisor) {}

  @Handles(dhsmOperations.deleteHsm)
  async delete(@Payload() r: HsmInstanceIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof dhsmOperations.deleteHsm>> {
    await this.sets.execute(ctx, { type: 'DeleteHsmInstance', instanceId: r.instance_id, now: this.clock.now() });
    await this.nodes.reconcile();
    return {};
  }
}

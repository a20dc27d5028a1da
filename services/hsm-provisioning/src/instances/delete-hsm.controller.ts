import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { dhsmOperations, type HsmInstanceIdRequest, type ReplyOf } from '@dew/contracts';
import { findInstance } from '@dew/hsm-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { NodeSupervisor } from '../nodes/node-supervisor.js';
import { SealedFiles } from '../nodes/sealed-files.js';
import { UkeyVault } from '../ukey/ukey-vault.js';
import { HsmInstanceSets } from './instance-sets.js';

/**
 * DELETE dew-hsm/instances/{instance_id}: its nodes are stopped, its addresses are free again, and
 * its tokens, PINs and undownloaded UKey are shredded (docs/hsm.md, "Sealed files").
 */
@Controller()
export class DeleteHsmController {
  constructor(
    private readonly sets: HsmInstanceSets, private readonly clock: Clock, private readonly nodes: NodeSupervisor,
    private readonly files: SealedFiles, private readonly ukeys: UkeyVault,
  ) {}

  @Handles(dhsmOperations.deleteHsm)
  async delete(@Payload() r: HsmInstanceIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof dhsmOperations.deleteHsm>> {
    const instance = findInstance(this.sets.of(ctx.projectId), r.instance_id);
    await this.sets.execute(ctx, { type: 'DeleteHsmInstance', instanceId: r.instance_id, now: this.clock.now() });
    await this.nodes.reconcile();
    // The decision found the instance: its id (not the request's text) names the files.
    this.files.shredInstance(instance!.id);
    if (instance?.ukey) this.ukeys.discard(instance.ukey.fingerprint);
    return {};
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { dhsmOperations, type ActivateHsmRequest, type ReplyOf } from '@dew/contracts';
import { requireInstance } from '@dew/hsm-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { HsmProvisioningConfig } from '../provisioning-config.js';
import { UkeyVault } from '../ukey/ukey-vault.js';
import { HsmInstanceSets } from './instance-sets.js';
import { detail } from './views.js';

/** POST dew-hsm/instances/{instance_id}/activate: To be activated → Creating (guide §4.2.2), with the administrator's UKey issued. */
@Controller()
export class ActivateHsmController {
  /**
   * Activations run one at a time in this process: a new subnet's range is chosen against every
   * other project's ranges as read here, and two projects' activations in flight together could
   * otherwise both take the same free range (docs/hsm.md, "Addresses": one provisioning replica).
   */
  #serial: Promise<unknown> = Promise.resolve();

  constructor(private readonly sets: HsmInstanceSets, private readonly clock: Clock, private readonly config: HsmProvisioningConfig, private readonly ukeys: UkeyVault) {}

  @Handles(dhsmOperations.activateHsm)
  activate(@Payload() r: ActivateHsmRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof dhsmOperations.activateHsm>> {
    const run = this.#serial.then(() => this.#activate(r, ctx));
    this.#serial = run.catch(() => undefined);
    return run;
  }

  async #activate(r: ActivateHsmRequest, ctx: RequestContext): Promise<ReplyOf<typeof dhsmOperations.activateHsm>> {
    // Kept before the decision, so no activation is acknowledged without its UKey's private half.
    const ukey = this.ukeys.generate();
    await this.ukeys.keep(ukey);
    const { state } = await this.sets.execute(ctx, {
      type: 'ActivateHsmInstance', instanceId: r.instance_id, az: r.availability_zone, name: r.name, hsmType: r.hsm_type, vpcId: r.vpc_id,
      subnetId: r.subnet_id, securityGroupId: r.security_group_id, durationMonths: r.period_num, autoRenew: r.auto_renew ?? false,
      subnetHosts: this.config.subnetHosts, prefixesElsewhere: this.sets.prefixesOutside(ctx.projectId),
      ukey: { publicKey: ukey.publicKey, fingerprint: ukey.fingerprint }, now: this.clock.now(),
    }).catch((err: unknown) => {
      this.ukeys.discard(ukey.fingerprint);
      throw err;
    });
    return { instance: detail(state, requireInstance(state, r.instance_id)) };
  }
}

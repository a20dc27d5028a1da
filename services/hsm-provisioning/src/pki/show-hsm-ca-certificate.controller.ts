import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { dhsmOperations, HsmCaNotPublished, type HsmInstanceIdRequest, type ReplyOf } from '@dew/contracts';
import { requireInstance } from '@dew/hsm-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { HsmInstanceSets } from '../instances/instance-sets.js';
import { InstanceCaCertificates } from './instance-ca-certificates.js';

/** GET dew-hsm/instances/{instance_id}/ca-certificate: what clients trust the floating address by. */
@Controller()
export class ShowHsmCaCertificateController {
  constructor(private readonly sets: HsmInstanceSets, private readonly certificates: InstanceCaCertificates) {}

  @Handles(dhsmOperations.showHsmCaCertificate)
  async show(@Payload() r: HsmInstanceIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof dhsmOperations.showHsmCaCertificate>> {
    const instance = requireInstance(this.sets.of(ctx.projectId), r.instance_id);
    const ca = await this.certificates.of(instance.id);
    if (!ca) throw HsmCaNotPublished(instance.id, instance.status);
    return { instance_id: instance.id, ca_certificate: ca.pem, fingerprint: ca.fingerprint };
  }
}

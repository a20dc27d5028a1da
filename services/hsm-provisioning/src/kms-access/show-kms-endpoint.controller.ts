import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { dhsmOperations, type HsmInstanceIdRequest, type ReplyOf } from '@dew/contracts';
import { requireInstance } from '@dew/hsm-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { HsmInstanceSets } from '../instances/instance-sets.js';
import { InstanceCaCertificates } from '../pki/instance-ca-certificates.js';
import { applicationAddress } from './application-address.js';

/** For KMS's key stores: where the instance serves and whether it does (a Frozen one does not). */
@Controller()
export class ShowKmsEndpointController {
  constructor(private readonly sets: HsmInstanceSets, private readonly certificates: InstanceCaCertificates) {}

  @Handles(dhsmOperations.showKmsEndpoint)
  async show(@Payload() r: HsmInstanceIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof dhsmOperations.showKmsEndpoint>> {
    const instance = requireInstance(this.sets.of(ctx.projectId), r.instance_id);
    const ca = await this.certificates.of(instance.id);
    return { instance_id: instance.id, status: instance.status, address: applicationAddress(instance) ?? null, ca_certificate: ca?.pem ?? null };
  }
}

import { Injectable } from '@nestjs/common';
import { HsmInstanceUnusable } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { guarded } from './hsm-key-session.js';
import type { KeyStoreBinding } from './hsm-key-store.port.js';
import { InstanceEndpoints } from './instance-endpoints.js';

/** What KMS needs to know of a Dedicated HSM instance: its status and the CA its nodes' certificates chain to. */
export interface HsmInstanceFacts {
  readonly status: string;
  readonly caCertPem: string;
}

/**
 * The Dedicated HSM instances of a project, as hsm-provisioning answers kms alone
 * (`dhsm.show-kms-endpoint`, kept a few seconds: docs/key-stores-hsm.md). A key store needs its
 * instance Running: Frozen, Creating … refuse with KMS.2908 (docs/api-decisions.md, "Key stores").
 */
@Injectable()
export class HsmInstances {
  constructor(private readonly endpoints: InstanceEndpoints) {}

  /** The instance of the caller's project, Running, with its CA (asked afresh); or KMS.2908 saying why not. */
  async requireRunning(ctx: RequestContext, instanceId: string, keystoreId: string): Promise<HsmInstanceFacts> {
    const binding: KeyStoreBinding = { keystoreId, projectId: ctx.projectId, hsmClusterId: instanceId };
    const e = await guarded(binding, () => this.endpoints.of(binding, true));
    refuseUnlessRunning(instanceId, e.status);
    if (e.ca_certificate === null) throw HsmInstanceUnusable(instanceId, 'has no CA certificate yet: its nodes have not served (initialise it first)');
    return { status: e.status, caCertPem: e.ca_certificate };
  }

  /** Before a crypto call: the instance is still Running (the answer is kept a few seconds). */
  async requireServing(binding: KeyStoreBinding): Promise<void> {
    const e = await guarded(binding, () => this.endpoints.of(binding));
    refuseUnlessRunning(binding.hsmClusterId, e.status);
  }
}

function refuseUnlessRunning(instanceId: string, status: string): void {
  if (status !== 'Running') throw HsmInstanceUnusable(instanceId, `is ${status}; a key store needs a Running instance`);
}

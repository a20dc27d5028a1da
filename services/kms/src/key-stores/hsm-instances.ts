import { Injectable } from '@nestjs/common';
import { DewError, HsmInstanceUnreachable, HsmInstanceUnusable, dhsmOperations } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Bus } from '@dew/nest-kit';

/** What KMS needs to know of a Dedicated HSM instance: its status and the CA its nodes' certificates chain to. */
export interface HsmInstanceFacts {
  readonly status: string;
  readonly caCertPem: string;
}

/** How long a status answer is trusted for crypto calls: a Frozen instance stops its keys within this. */
const STATUS_TTL_MS = 5_000;

/**
 * The Dedicated HSM instances of a project, as hsm-provisioning knows them (show-hsm and
 * show-hsm-ca-certificate on the bus, in the key owner's project). A key store needs its instance
 * Running: Frozen, Creating … refuse with KMS.2908 (docs/api-decisions.md, "Key stores").
 */
@Injectable()
export class HsmInstances {
  readonly #statuses = new Map<string, { readonly status: string; readonly at: number }>();

  constructor(private readonly bus: Bus) {}

  /** The instance of the caller's project, Running, with its CA; or KMS.2908 saying why not. */
  async requireRunning(ctx: RequestContext, instanceId: string): Promise<HsmInstanceFacts> {
    const status = await this.#status(ctx, instanceId);
    refuseUnlessRunning(instanceId, status);
    const ca = await this.#ask(instanceId, () => this.bus.call(dhsmOperations.showHsmCaCertificate, { instance_id: instanceId }, ctx));
    return { status, caCertPem: ca.ca_certificate };
  }

  /** Before a crypto call: the instance is still Running (cached a few seconds). */
  async requireServing(ctx: RequestContext, instanceId: string): Promise<void> {
    const key = `${ctx.projectId}/${instanceId}`;
    const cached = this.#statuses.get(key);
    const status = cached && Date.now() - cached.at < STATUS_TTL_MS ? cached.status : await this.#status(ctx, instanceId);
    refuseUnlessRunning(instanceId, status);
  }

  async #status(ctx: RequestContext, instanceId: string): Promise<string> {
    const reply = await this.#ask(instanceId, () => this.bus.call(dhsmOperations.showHsm, { instance_id: instanceId }, ctx));
    this.#statuses.set(`${ctx.projectId}/${instanceId}`, { status: reply.instance.status, at: Date.now() });
    return reply.instance.status;
  }

  /** DHSM's refusals in KMS's words: unknown in the project → KMS.2908; hsm-provisioning not answering → KMS.2909 (retry). */
  async #ask<T>(instanceId: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof DewError && err.status === 404) throw HsmInstanceUnusable(instanceId, 'does not exist in this project');
      if (err instanceof DewError && err.status < 500) throw HsmInstanceUnusable(instanceId, `cannot serve a key store: ${err.message}`);
      throw HsmInstanceUnreachable(instanceId);
    }
  }
}

function refuseUnlessRunning(instanceId: string, status: string): void {
  if (status !== 'Running') throw HsmInstanceUnusable(instanceId, `is ${status}; a key store needs a Running instance`);
}

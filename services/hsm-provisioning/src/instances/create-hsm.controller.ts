import { randomBytes, randomUUID } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DhsmFieldInvalid, dhsmOperations, quote, type CreateHsmRequest, type ReplyOf } from '@dew/contracts';
import { requireInstance } from '@dew/hsm-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';
import { HsmInstanceSets } from './instance-sets.js';
import { detail } from './views.js';

/** POST dew-hsm/instances: a purchase (guide §4.2.1); the instance installs, then waits for activation. */
@Controller()
export class CreateHsmController {
  constructor(private readonly sets: HsmInstanceSets, private readonly clock: Clock, @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings) {}

  @Handles(dhsmOperations.createHsm)
  async create(@Payload() r: CreateHsmRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof dhsmOperations.createHsm>> {
    const region = r.region ?? this.settings.region;
    if (region !== this.settings.region) throw DhsmFieldInvalid('region', `be this deployment's region ${this.settings.region}`, quote(region));
    const instanceId = randomUUID();
    const orderId = `CS${new Date(this.clock.now()).toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(5).toString('hex').toUpperCase()}`;
    const { state } = await this.sets.execute(ctx, {
      type: 'CreateHsmInstance', instanceId, orderId, region, contact: r.contact, ...(r.edition !== undefined ? { edition: r.edition } : {}), now: this.clock.now(),
    });
    return { instance: detail(state, requireInstance(state, instanceId)) };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventStore } from '@dew/event-store';
import { decide, type HsmSet, type HsmSetCommand, type HsmSetEvent } from '@dew/hsm-domain';
import { streams, subjects, type RequestContext } from '@dew/messaging';
import { EVENT_STORE, NATS_CONNECTION, ReadModels, SERVICE_SETTINGS, StreamAggregates, type ServiceSettings } from '@dew/nest-kit';
import { hsmInstanceSets } from '@dew/read-models';

/**
 * Every project's Dedicated HSM instance set in memory from EVT_HSM: names, the quota and the
 * subnets' addresses of one project are guarded by one expected-sequence append (docs/hsm.md).
 */
@Injectable()
export class HsmInstanceSets extends StreamAggregates<HsmSet, HsmSetEvent> {
  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(SERVICE_SETTINGS) settings: ServiceSettings,
    models: ReadModels,
  ) {
    super(eventStore, nc, settings, models, hsmInstanceSets, streams.hsmEvents.subjects);
  }

  of(projectId: string): HsmSet {
    return this.store.get(subjects.hsmInstances(projectId)).state;
  }

  execute(ctx: RequestContext, command: HsmSetCommand, projectId = ctx.projectId): Promise<{ state: HsmSet; events: readonly HsmSetEvent[] }> {
    return this.run(ctx, subjects.hsmInstances(projectId), (s) => decide(s, command));
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { NoProjectInRequest } from '@dew/contracts';
import type { EventStore } from '@dew/event-store';
import { decide, type SecretSet, type SecretSetCommand, type SecretSetEvent } from '@dew/csms-domain';
import { streams, subjects, type RequestContext } from '@dew/messaging';
import { EVENT_STORE, NATS_CONNECTION, ReadModels, SERVICE_SETTINGS, StreamAggregates, type ServiceSettings } from '@dew/nest-kit';
import { csmsSecretSets } from '@dew/read-models';

/** Every project's secret set in memory from EVT_CSMS (the set guards names and the quota). */
@Injectable()
export class SecretSets extends StreamAggregates<SecretSet, SecretSetEvent> {
  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(SERVICE_SETTINGS) settings: ServiceSettings,
    models: ReadModels,
  ) {
    super(eventStore, nc, settings, models, csmsSecretSets, streams.csmsEvents.subjects);
  }

  of(projectId: string): SecretSet {
    if (!projectId) throw NoProjectInRequest();
    return this.store.get(subjects.csmsSecrets(projectId)).state;
  }

  execute(ctx: RequestContext, command: SecretSetCommand, projectId = ctx.projectId) {
    return this.run(ctx, subjects.csmsSecrets(projectId), (s) => decide(s, command));
  }
}

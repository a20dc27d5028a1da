import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DewError } from '@dew/contracts';
import { AggregateStore } from '@dew/event-sourcing';
import { ensureStream, type EventStore } from '@dew/event-store';
import { decide, type SecretSet, type SecretSetCommand, type SecretSetEvent } from '@dew/csms-domain';
import { eventHeaders, streams, subjects, type RequestContext } from '@dew/messaging';
import { EVENT_STORE, NATS_CONNECTION, ReadModels, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';
import { csmsSecretSets } from '@dew/read-models';

/** Every project's secret set in memory from EVT_CSMS (the set guards names and the quota). */
@Injectable()
export class SecretSets implements OnModuleInit, OnModuleDestroy {
  readonly store: AggregateStore<SecretSet, SecretSetEvent>;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
    models: ReadModels,
  ) {
    this.store = new AggregateStore(eventStore, csmsSecretSets.stream, csmsSecretSets.definition);
    models.add(this.store.view(csmsSecretSets.name));
  }

  async onModuleInit(): Promise<void> {
    await ensureStream(await jetstreamManager(this.nc), { name: streams.csmsEvents.name, subjects: [...streams.csmsEvents.subjects], replicas: this.settings.streamReplicas });
    await this.store.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.stop();
  }

  of(projectId: string): SecretSet {
    if (!projectId) throw new DewError('CSMS.0002', 'no project in the request');
    return this.store.get(subjects.csmsSecrets(projectId)).state;
  }

  *all(): IterableIterator<SecretSet> {
    for (const [, { state }] of this.store.entries()) yield state;
  }

  execute(ctx: RequestContext, command: SecretSetCommand, projectId = ctx.projectId) {
    const subject = subjects.csmsSecrets(projectId);
    return this.store.execute(subject, (s) => decide(s, command), {
      messageId: `${ctx.requestId}:${subject}`,
      headers: eventHeaders(ctx),
    });
  }
}

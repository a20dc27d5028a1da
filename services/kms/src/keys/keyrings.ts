import { Inject, Injectable, type OnModuleInit, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { AggregateStore } from '@dew/event-sourcing';
import { ensureStream, type EventStore } from '@dew/event-store';
import type { Keyring, KeyringEvent } from '@dew/kms-domain';
import { eventHeaders, streams, subjects, type RequestContext } from '@dew/messaging';
import { EVENT_STORE, NATS_CONNECTION, ReadModels, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';
import { kmsKeyrings } from '@dew/read-models';

/** Every project's keyring, kept in memory from EVT_KMS; commands go through `execute`. */
@Injectable()
export class Keyrings implements OnModuleInit, OnModuleDestroy {
  readonly store: AggregateStore<Keyring, KeyringEvent>;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
    models: ReadModels,
  ) {
    this.store = new AggregateStore(eventStore, kmsKeyrings.stream, kmsKeyrings.definition);
    models.add(this.store.view(kmsKeyrings.name));
  }

  async onModuleInit(): Promise<void> {
    await ensureStream(await jetstreamManager(this.nc), { name: streams.kmsEvents.name, subjects: [...streams.kmsEvents.subjects], replicas: this.settings.streamReplicas });
    await this.store.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.stop();
  }

  of(projectId: string): Keyring {
    return this.store.get(subjects.kmsKeyring(projectId)).state;
  }

  /** Runs a decision on the caller's project keyring; the request id makes retries idempotent. */
  execute(ctx: RequestContext, decide: (state: Keyring) => readonly KeyringEvent[], projectId = ctx.projectId) {
    const subject = subjects.kmsKeyring(projectId);
    return this.store.execute(subject, decide, { messageId: `${ctx.requestId}:${subject}`, headers: eventHeaders(ctx) });
  }

  *all(): IterableIterator<Keyring> {
    for (const [, { state }] of this.store.entries()) yield state;
  }
}

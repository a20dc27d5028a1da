import { Inject, Injectable, type OnModuleInit, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { AggregateStore } from '@dew/event-sourcing';
import { ensureStream, type EventStore } from '@dew/event-store';
import { evolve, initialKeyring, type Keyring, type KeyringEvent } from '@dew/kms-domain';
import { eventHeaders, streams, subjects, type RequestContext } from '@dew/messaging';
import { EVENT_STORE, NATS_CONNECTION, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';

const KEYRING_SUBJECT = /^evt\.kms\.([^.]+)\.keyring$/;

/** Every project's keyring, kept in memory from EVT_KMS; commands go through `execute`. */
@Injectable()
export class Keyrings implements OnModuleInit, OnModuleDestroy {
  readonly store: AggregateStore<Keyring, KeyringEvent>;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {
    this.store = new AggregateStore(eventStore, streams.kmsEvents.name, {
      initialState: (subject) => initialKeyring(KEYRING_SUBJECT.exec(subject)?.[1] ?? ''),
      evolve,
    });
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

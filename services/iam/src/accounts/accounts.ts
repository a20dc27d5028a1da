import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { AggregateStore } from '@dew/event-sourcing';
import { ensureStream, type EventStore } from '@dew/event-store';
import { emptyDirectory, evolve, evolveDirectory, initialAccount, type AccountEvent, type AccountState, type Directory } from '@dew/iam-domain';
import { streams, subjects, type RequestContext } from '@dew/messaging';
import { EVENT_STORE, NATS_CONNECTION, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';

/**
 * Every account (domain) in memory from EVT_IAM, plus the cross-domain directory the gateway's
 * per-request lookups need (access key → domain, project → domain).
 */
@Injectable()
export class Accounts implements OnModuleInit, OnModuleDestroy {
  readonly store: AggregateStore<AccountState, AccountEvent>;
  #directory: Directory = emptyDirectory();

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {
    this.store = new AggregateStore(eventStore, streams.iamEvents.name, { initialState: () => initialAccount(), evolve });
    this.store.onApply((_subject, events) => {
      for (const event of events) this.#directory = evolveDirectory(this.#directory, event);
    });
  }

  async onModuleInit(): Promise<void> {
    await ensureStream(await jetstreamManager(this.nc), { name: streams.iamEvents.name, subjects: [...streams.iamEvents.subjects], replicas: this.settings.streamReplicas });
    await this.store.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.stop();
  }

  get directory(): Directory {
    return this.#directory;
  }

  of(domainId: string): AccountState {
    return this.store.get(subjects.iamAccount(domainId)).state;
  }

  execute(ctx: RequestContext, domainId: string, decide: (state: AccountState) => readonly AccountEvent[]) {
    const subject = subjects.iamAccount(domainId);
    return this.store.execute(subject, decide, { messageId: `${ctx.requestId}:${subject}` });
  }
}

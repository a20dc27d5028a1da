import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { AggregateStore, cutOf, digestDoc, VersionHistory } from '@dew/event-sourcing';
import { ensureStream, type EventStore } from '@dew/event-store';
import type { AccountEvent, AccountState, Directory } from '@dew/iam-domain';
import { eventHeaders, streams, subjects, type RequestContext } from '@dew/messaging';
import { EVENT_STORE, NATS_CONNECTION, ReadModels, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';
import { iamAccounts, iamDirectory } from '@dew/read-models';

/**
 * Every account (domain) in memory from EVT_IAM, plus the cross-domain directory the gateway's
 * per-request lookups need (access key → domain, project → domain).
 */
@Injectable()
export class Accounts implements OnModuleInit, OnModuleDestroy {
  readonly store: AggregateStore<AccountState, AccountEvent>;
  #directory: Directory = iamDirectory.initial();
  readonly #directoryHistory = new VersionHistory<Directory>();

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
    models: ReadModels,
  ) {
    this.store = new AggregateStore(eventStore, iamAccounts.stream, iamAccounts.definition);
    this.store.onApply((_subject, events, _state, { streamSequence }) => {
      const before = this.#directory;
      for (const event of events) this.#directory = iamDirectory.evolve(this.#directory, event);
      if (this.#directory !== before) this.#directoryHistory.record(streamSequence, this.#directory);
    });
    models.add(this.store.view(iamAccounts.name));
    models.add({
      name: iamDirectory.name,
      appliedThrough: (cut) => this.store.appliedThrough(cutOf(cut, iamDirectory.stream)),
      at: (cut) => {
        const v = this.#directoryHistory.at(cutOf(cut, iamDirectory.stream));
        if (v.status === 'present') return { docs: iamDirectory.docs(v.value).map(([id, doc]) => digestDoc(id, v.seq, doc)), unavailable: [] };
        return { docs: [], unavailable: v.status === 'unavailable' ? iamDirectory.docs(this.#directory).map(([id]) => id) : [] };
      },
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
    return this.store.execute(subject, decide, { messageId: `${ctx.requestId}:${subject}`, headers: eventHeaders(ctx) });
  }
}

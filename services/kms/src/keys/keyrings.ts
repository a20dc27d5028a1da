import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventStore } from '@dew/event-store';
import { KeyNotFound } from '@dew/contracts';
import { decide, findKey, type Keyring, type KeyringCommand, type KeyringEvent, type LiveCmk } from '@dew/kms-domain';
import { streams, subjects, type RequestContext } from '@dew/messaging';
import { EVENT_STORE, NATS_CONNECTION, ReadModels, SERVICE_SETTINGS, StreamAggregates, type ServiceSettings } from '@dew/nest-kit';
import { kmsKeyrings } from '@dew/read-models';

/** Every project's keyring, kept in memory from EVT_KMS; commands go through `execute`. */
@Injectable()
export class Keyrings extends StreamAggregates<Keyring, KeyringEvent> {
  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Inject(SERVICE_SETTINGS) settings: ServiceSettings,
    models: ReadModels,
  ) {
    super(eventStore, nc, settings, models, kmsKeyrings, streams.kmsEvents.subjects);
  }

  of(projectId: string): Keyring {
    return this.store.get(subjects.kmsKeyring(projectId)).state;
  }

  /** Runs a decision on the caller's project keyring. */
  execute(ctx: RequestContext, decide: (state: Keyring) => readonly KeyringEvent[], projectId = ctx.projectId) {
    return this.run(ctx, subjects.kmsKeyring(projectId), decide);
  }

  /** Runs a command on one key of the caller's project and answers the key as the decision left it. */
  async change(ctx: RequestContext, command: Extract<KeyringCommand, { keyId: string }>): Promise<LiveCmk> {
    const { state } = await this.execute(ctx, (s) => decide(s, command));
    const key = findKey(state, command.keyId);
    if (!key) throw KeyNotFound();
    return key;
  }
}

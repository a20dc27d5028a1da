import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { AggregateStore, type AggregateDefinition } from '@dew/event-sourcing';
import { ensureStream, type EventStore } from '@dew/event-store';
import { eventHeaders, type RequestContext } from '@dew/messaging';
import { EVENT_STORE, NATS_CONNECTION, SERVICE_SETTINGS, type ServiceSettings } from './config.js';
import { Freshness } from './freshness.js';
import { noteStoredWrite } from './bus/stored-writes.js';
import { ReadModels } from './read-models.js';

/** What a service folds from one event stream: the read model's name, its stream, its decider. */
export interface StreamModel<S, E> {
  readonly name: string;
  readonly stream: string;
  readonly definition: AggregateDefinition<S, E>;
}

/**
 * A service whose aggregates stopped following their stream would answer from states that no
 * longer move, and hang on the next conflict: it exits instead, and its supervisor (the runner,
 * Kubernetes) starts it again, folding the stream anew (docs/architecture.md, "Supervision").
 */
function stopServing(stream: string, err: Error): void {
  process.stderr.write(`${JSON.stringify({ level: 60, time: Date.now(), stream, err: err.message, msg: 'the aggregates stopped following their stream: exiting for a restart' })}\n`);
  process.exit(70);
}

/** What every stream's aggregates need from their service, injected once (a subclass names only its model). */
@Injectable()
export class StreamAggregateDeps {
  constructor(
    @Inject(EVENT_STORE) readonly eventStore: EventStore,
    @Inject(NATS_CONNECTION) readonly nc: NatsConnection,
    @Inject(SERVICE_SETTINGS) readonly settings: ServiceSettings,
    readonly models: ReadModels,
    readonly freshness: Freshness,
  ) {}
}

/**
 * Every aggregate of one event stream in memory (docs/architecture.md, "Event sourcing on JetStream"), kept current from the
 * stream, reported to the replay as a read model; commands go through `run`.
 */
export abstract class StreamAggregates<S, E> implements OnModuleInit, OnModuleDestroy {
  readonly store: AggregateStore<S, E>;

  readonly #nc: NatsConnection;
  readonly #settings: ServiceSettings;

  protected constructor(
    deps: StreamAggregateDeps,
    private readonly model: StreamModel<S, E>,
    private readonly subjects: readonly string[],
  ) {
    this.#nc = deps.nc;
    this.#settings = deps.settings;
    this.store = new AggregateStore(deps.eventStore, model.stream, model.definition);
    deps.models.add(this.store.view(model.name));
    deps.freshness.add(() => this.store.catchUp(), () => this.store.handled);
  }

  async onModuleInit(): Promise<void> {
    await ensureStream(await jetstreamManager(this.#nc), { name: this.model.stream, subjects: [...this.subjects], replicas: this.#settings.streamReplicas });
    this.store.onStopped((err) => stopServing(this.model.stream, err));
    await this.store.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.stop();
  }

  *all(): IterableIterator<S> {
    for (const [, { state }] of this.store.entries()) yield state;
  }

  /**
   * Decides on the state in memory and keeps nothing: throws the refusal a command would meet now.
   * For commands with an effect outside the stream made first (a keyring entry), so a refusal that
   * can be told before it writes nothing; `run` decides again when it appends.
   */
  protected decideWithoutAppending(subject: string, decide: (state: S) => readonly E[]): void {
    decide(this.store.get(subject).state);
  }

  /**
   * Decides on one subject with the caller in the event headers; the request id is the message id,
   * so a retry of the same request within JetStream's duplicate window is stored once when its first
   * call was stored at its first attempt (a call decided again after a conflict stores under
   * `<id>~<attempt>`: then the retry relies on its decide finding its own events in the state). A
   * command that stored events is tallied for its request (stored-writes.ts).
   */
  protected async run(ctx: RequestContext, subject: string, decide: (state: S) => readonly E[]) {
    const executed = await this.store.execute(subject, decide, { messageId: `${ctx.requestId}:${subject}`, headers: eventHeaders(ctx) });
    if (executed.events.length > 0) noteStoredWrite(ctx);
    return executed;
  }
}

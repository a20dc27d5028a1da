import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import { startOrderedRun, type CatchUpSubscription, type EventStore, type OrderedRun } from '@dew/event-store';
import { REPLAYED_STREAMS, streams } from '@dew/messaging';
import { EVENT_STORE, PINO, SERVICE_SETTINGS, STREAMS_CONNECTION, type ServiceSettings } from '@dew/nest-kit';
import { auditMessageTraces, fromEventMessage, type ScopedTrace } from '@dew/read-models';
import { CommitWindow } from './commit-window.js';
import { TraceIndex } from './trace-index.js';

const RETRY_MS = 1000;
/**
 * AUDIT messages asked of the server per pull: a backlog arrives in fewer, bigger deliveries. A
 * message holds up to 64 records (docs/architecture.md, "Audit"), so a pull is at most 8,192
 * records. (nats.js takes a pull's bound in messages or in bytes, not both; in bytes alone it asks
 * for 100 messages at a time, too few for a backlog of single records.)
 */
const AUDIT_PULL = 128;
const PRUNE_EVERY_MS = 60_000;
/** The stream whose events set keys' enterprise projects (see EnterpriseProjects). */
const KEY_EVENTS = streams.kmsEvents.name;

/**
 * Builds traces from every event stream (each state change its own trace) and from the AUDIT
 * stream (operations that change nothing), resuming each stream after its last applied sequence.
 * A stream that does not exist yet (its service has not started) is retried until it does.
 * A burst is written in one transaction (see CommitWindow). The consumers ack nothing: where a
 * stream is resumed from is its applied sequence, committed with its traces, so whatever a crash
 * or a lost write took from the index is read from the stream again.
 */
@Injectable()
export class TraceIngest implements OnApplicationBootstrap, OnModuleDestroy {
  readonly #running: Array<CatchUpSubscription | OrderedRun> = [];
  readonly #pending = new Map<string, Array<{ seq: number; traces: ScopedTrace[] }>>();
  /** Traces in each stream's pending messages: a transaction's size is counted in traces. */
  readonly #pendingTraces = new Map<string, number>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #windows = new Map<string, CommitWindow>();
  readonly #waiters: Array<{ stream: string; seq: number; resolve: () => void }> = [];
  #lastPrune = 0;
  #stopped = false;

  constructor(
    private readonly index: TraceIndex,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    // The streams connection: AUDIT is the busiest stream (see serviceStreamsPermissions).
    @Inject(STREAMS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(PINO) private readonly log: Logger,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  onApplicationBootstrap(): void {
    for (const stream of REPLAYED_STREAMS) void this.#follow(stream, () => (stream === 'AUDIT' ? this.#followAudit() : this.#followEvents(stream)));
  }

  async onModuleDestroy(): Promise<void> {
    this.#stopped = true;
    for (const run of this.#running) await run.stop();
    for (const stream of [...this.#pending.keys()]) this.#flush(stream);
  }

  /** Resolves once every message of `stream` up to `seq` is in the index. */
  indexedThrough(stream: string, seq: number): Promise<void> {
    if (this.index.lastApplied(stream) >= seq) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ stream, seq, resolve }));
  }

  async #follow(stream: string, start: () => Promise<CatchUpSubscription | OrderedRun>): Promise<void> {
    while (!this.#stopped) {
      try {
        const run = await start();
        this.#running.push(run);
        const err = await run.closed;
        if (this.#stopped) return;
        this.log.warn({ err, stream }, 'trace ingest stopped; resuming');
      } catch (err) {
        this.log.debug({ err, stream }, 'stream not readable yet');
      }
      this.#pending.delete(stream);
      this.#pendingTraces.delete(stream);
      if (stream === KEY_EVENTS) this.index.discardUnsavedEnterpriseProjects();
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }

  #followEvents(stream: string): Promise<CatchUpSubscription> {
    return this.events.subscribe<Record<string, unknown>>(stream, { fromSequence: this.index.lastApplied(stream) + 1 }, (msg) => {
      this.#enqueue(stream, msg.streamSequence, fromEventMessage(stream, msg, Date.now(), this.index.enterpriseProjects));
    });
  }

  #followAudit(): Promise<OrderedRun> {
    return startOrderedRun(jetstream(this.nc), 'AUDIT', { from: this.index.lastApplied('AUDIT') + 1, until: 0, batch: AUDIT_PULL }, (m) => {
      const now = Date.now();
      this.#enqueue('AUDIT', m.seq, auditMessageTraces(m, now), m.info.pending);
    });
  }

  /** `backlog`: the stream's messages after this one not yet delivered (0 when unknown). */
  #enqueue(stream: string, seq: number, traces: ScopedTrace[], backlog = 0): void {
    let pending = this.#pending.get(stream);
    if (!pending) this.#pending.set(stream, (pending = []));
    pending.push({ seq, traces });
    const pendingTraces = (this.#pendingTraces.get(stream) ?? 0) + traces.length;
    this.#pendingTraces.set(stream, pendingTraces);
    let window = this.#windows.get(stream);
    if (!window) this.#windows.set(stream, (window = new CommitWindow()));
    if (window.full(pendingTraces, backlog)) this.#flush(stream);
    else if (!this.#timers.has(stream)) this.#timers.set(stream, setTimeout(() => this.#flush(stream), window.windowMs));
  }

  #flush(stream: string): void {
    clearTimeout(this.#timers.get(stream));
    this.#timers.delete(stream);
    const pending = this.#pending.get(stream);
    if (!pending?.length) return;
    const traces = this.#pendingTraces.get(stream) ?? 0;
    this.#pending.set(stream, []);
    this.#pendingTraces.set(stream, 0);
    this.index.addMany(stream, pending);
    this.#windows.get(stream)?.committed(traces);
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      const w = this.#waiters[i]!;
      if (this.index.lastApplied(w.stream) >= w.seq) {
        this.#waiters.splice(i, 1);
        w.resolve();
      }
    }
    const now = Date.now();
    if (now - this.#lastPrune >= PRUNE_EVERY_MS) {
      this.#lastPrune = now;
      const dropped = this.index.prune(now - this.settings.auditRetentionMs);
      if (dropped > 0) this.log.info({ dropped }, 'traces older than the retention dropped from the index');
    }
  }
}

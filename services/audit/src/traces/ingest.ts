import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { AuditRecord } from '@dew/contracts';
import { startOrderedRun, type CatchUpSubscription, type EventStore, type OrderedRun } from '@dew/event-store';
import { EVENT_STORE, NATS_CONNECTION, PINO } from '@dew/nest-kit';
import { TraceIndex } from './trace-index.js';
import { fromAuditRecord, fromEventMessage } from './to-traces.js';

export const EVENT_STREAMS = ['EVT_KMS', 'EVT_IAM', 'EVT_CSMS'] as const;
const RETRY_MS = 1000;

/**
 * Builds traces from every event stream (each state change its own trace) and from the AUDIT
 * stream (operations that change nothing), resuming each stream after its last applied sequence.
 * A stream that does not exist yet (its service has not started) is retried until it does.
 */
@Injectable()
export class TraceIngest implements OnApplicationBootstrap, OnModuleDestroy {
  readonly #running: Array<CatchUpSubscription | OrderedRun> = [];
  #stopped = false;

  constructor(
    private readonly index: TraceIndex,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    for (const stream of EVENT_STREAMS) void this.#follow(stream, () => this.#followEvents(stream));
    void this.#follow('AUDIT', () => this.#followAudit());
  }

  async onModuleDestroy(): Promise<void> {
    this.#stopped = true;
    for (const run of this.#running) await run.stop();
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
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }

  #followEvents(stream: string): Promise<CatchUpSubscription> {
    return this.events.subscribe<Record<string, unknown>>(stream, { fromSequence: this.index.lastApplied(stream) + 1 }, (msg) => {
      this.index.add(stream, msg.streamSequence, fromEventMessage(stream, msg, Date.now()));
    });
  }

  #followAudit(): Promise<OrderedRun> {
    const from = this.index.lastApplied('AUDIT') + 1;
    return startOrderedRun(jetstream(this.nc), 'AUDIT', { from, until: 0 }, (m) => {
      this.index.add('AUDIT', m.seq, [fromAuditRecord(JSON.parse(new TextDecoder().decode(m.data)) as AuditRecord, Date.now())]);
    });
  }
}

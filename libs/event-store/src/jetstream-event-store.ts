import {
  JetStreamApiError, jetstream, jetstreamManager,
  type JetStreamClient, type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { startOrderedRun } from './catch-up.js';
import { DuplicateInProcess, DuplicateOfUnstored, publishToStream, WrongLastSequence } from '@dew/messaging';
import { encodeEvents, headersToRecord, toStoredMessage } from './codec.js';
import {
  ConcurrencyError,
  UnconfirmedAppend,
  type AppendOptions, type AppendResult, type CatchUpSubscription, type EventStore,
  type ReadOptions, type StoredMessage, type SubscribeOptions,
} from './event-store.js';

export interface LastSubjectMessage {
  readonly streamSequence: number;
  readonly subject: string;
  readonly time: Date;
  readonly data: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

// How nats-server 2.9 answers a delete of a sequence that is already gone: 10057 "no message
// found" below the first sequence, 10043 "sequence N not found" inside the stream. Beyond the
// last sequence it says 10057 "stream store EOF", which stays an error.
const MESSAGE_DELETE_FAILED = 10057;
const SEQUENCE_NOT_FOUND = 10043;

/**
 * Event store on JetStream (nats-server 2.9). One message per command, body {"events":[...]};
 * optimistic concurrency per subject with Nats-Expected-Last-Subject-Sequence (or per stream with
 * Nats-Expected-Last-Sequence, for an aggregate spread over subjects), idempotent
 * retries with Nats-Msg-Id inside the stream's duplicate window.
 */
export class JetStreamEventStore implements EventStore {
  private readonly js: JetStreamClient;
  private jsmPromise: Promise<JetStreamManager> | undefined;

  constructor(private readonly nc: NatsConnection) {
    this.js = jetstream(nc);
  }

  async append<E>(subject: string, events: readonly E[], opts: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`append to ${subject} needs at least one event, got 0`);
    const byStream = opts.expectedStreamSequence !== undefined;
    const expected = opts.expectedStreamSequence ?? opts.expectedSubjectSequence;
    if (!Number.isSafeInteger(expected) || expected < 0) {
      throw new RangeError(`${byStream ? 'expectedStreamSequence' : 'expectedSubjectSequence'} must be a non-negative integer, got ${expected}`);
    }
    if (opts.messageId === '') throw new RangeError(`append to ${subject} needs a non-empty messageId`);
    for (const key of Object.keys(opts.headers ?? {})) {
      if (key.toLowerCase().startsWith('nats-')) throw new RangeError(`header ${key} is reserved for nats-server`);
    }
    if (opts.eventHeaders !== undefined && opts.eventHeaders.length !== events.length) {
      throw new RangeError(`append to ${subject} needs one eventHeaders entry per event, got ${opts.eventHeaders.length} for ${events.length}`);
    }
    try {
      const ack = await publishToStream(this.nc, subject, encodeEvents(events, opts.eventHeaders), {
        msgId: opts.messageId,
        // Sent for 0 too: "this subject (stream) must be new".
        expect: byStream ? { lastSequence: expected } : { lastSubjectSequence: expected },
        ...(opts.headers ? { headers: opts.headers } : {}),
      });
      return { streamSequence: ack.seq, duplicate: ack.duplicate };
    } catch (err) {
      if (err instanceof WrongLastSequence) throw new ConcurrencyError(subject, expected, err.actual);
      if (err instanceof DuplicateOfUnstored) throw new UnconfirmedAppend(subject, expected, { cause: err }, err instanceof DuplicateInProcess);
      throw err;
    }
  }

  async read<E>(stream: string, opts: ReadOptions = {}): Promise<StoredMessage<E>[]> {
    const from = positive('fromSequence', opts.fromSequence ?? 1);
    const last = await this.lastSequence(stream);
    const until = opts.toSequence === undefined ? last : Math.min(positive('toSequence', opts.toSequence), last);
    if (until < from) return [];
    const out: StoredMessage<E>[] = [];
    const run = await startOrderedRun(this.js, stream, { from, until, ...subjectOpt(opts.subject) }, (m) => {
      // Messages appended after the call can arrive before the run is stopped.
      if (m.seq <= until) out.push(toStoredMessage<E>(stream, m));
    });
    try {
      await run.reached;
    } finally {
      await run.stop();
    }
    return out;
  }

  async subscribe<E>(
    stream: string,
    opts: SubscribeOptions,
    handler: (msg: StoredMessage<E>) => void | Promise<void>,
  ): Promise<CatchUpSubscription> {
    const from = positive('fromSequence', opts.fromSequence ?? 1);
    const until = await this.lastSequence(stream);
    const run = await startOrderedRun(this.js, stream, { from, until, ...subjectOpt(opts.subject) },
      (m) => handler(toStoredMessage<E>(stream, m)));
    return { caughtUp: run.reached, closed: run.closed, lastSequence: run.lastSequence, stop: () => run.stop() };
  }

  async lastSequence(stream: string): Promise<number> {
    const info = await (await this.jsm()).streams.info(stream);
    return info.state.last_seq;
  }

  /** The subject's newest message (STREAM.MSG.GET last_by_subj, not direct get), or null. */
  async getLastForSubject(stream: string, subject: string): Promise<LastSubjectMessage | null> {
    const sm = await (await this.jsm()).streams.getMessage(stream, { last_by_subj: subject });
    if (sm === null) return null;
    return { streamSequence: sm.seq, subject: sm.subject, time: sm.time, data: sm.data, headers: headersToRecord(sm.header) };
  }

  /**
   * Deletes one message and has the server overwrite its bytes in the store (secure erase),
   * which is what makes crypto-shredding final. Erasing a sequence that is already gone
   * succeeds, so an interrupted shred can simply be repeated.
   */
  async erase(stream: string, streamSequence: number): Promise<void> {
    positive('streamSequence', streamSequence);
    try {
      const ok = await (await this.jsm()).streams.deleteMessage(stream, streamSequence, true);
      if (!ok) throw new Error(`nats-server did not erase message ${streamSequence} of stream ${stream}`);
    } catch (err) {
      if (err instanceof JetStreamApiError && isAlreadyGone(err)) return;
      throw err;
    }
  }

  private jsm(): Promise<JetStreamManager> {
    this.jsmPromise ??= jetstreamManager(this.nc, { checkAPI: false });
    return this.jsmPromise;
  }
}

function isAlreadyGone(err: JetStreamApiError): boolean {
  return err.code === SEQUENCE_NOT_FOUND || (err.code === MESSAGE_DELETE_FAILED && /no message found/i.test(err.message));
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  return value;
}

function subjectOpt(subject: string | undefined): { subject?: string } {
  return subject === undefined ? {} : { subject };
}

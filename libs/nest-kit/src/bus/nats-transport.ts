import { NatsContext, ServerNats, type MessageHandler } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { BAD_JSON_CODE, BodyNotAnObject, decodeJsonBody, DewError, INTERNAL_ERROR_CODE, operationOf, SHAPE_CODES, type ErrorBody, type ErrorFamily } from '@dew/contracts';
import { busyBody, HttpReply, PublishBatch, readContext, replyGuardFor, subjects, unconfirmedBody, type RpcReply } from '@dew/messaging';
import { countRequestHandled } from './requests-handled.js';
import { storedWritesOf } from './stored-writes.js';
import type { CatchUpOutcome } from '../freshness.js';
import { InFlightLimit } from '../limits/in-flight-limit.js';
import { HeldRequests } from './held-requests.js';

/** Requests a service process works on at once unless DEW_SERVICE_MAX_IN_FLIGHT says otherwise (docs/input-limits.md). */
export const DEFAULT_SERVICE_MAX_IN_FLIGHT = 512;

/**
 * How long a stopping replica waits for the requests it holds to be answered: below the 10 s after
 * which the local runner kills a service that has not exited (deploy/local/src/children.ts), leaving
 * time for the lifecycle hooks and the connections' drains.
 */
export const SHUTDOWN_GRACE_MS = 8_000;

const encoder = new TextEncoder();
const SYSTEM_PREFIX = 'sys.';
const HEALTH_PREFIX = 'sys.health.';

interface Packet {
  readonly response?: unknown;
  readonly err?: unknown;
  readonly isDisposed?: boolean;
}

/** The envelope every DEW request subject answers with: exactly one of `ok` or `error` (docs/bus-security.md). */
function envelopeOf(packet: Packet, family: ErrorFamily): RpcReply<unknown> | undefined {
  if ('err' in packet && packet.err !== undefined) {
    const err = packet.err as Partial<ErrorBody>;
    if (typeof err === 'object' && err !== null && typeof err.code === 'string' && typeof err.status === 'number') return { error: err as ErrorBody };
    return { error: { code: INTERNAL_ERROR_CODE[family], status: 500, message: 'internal error' } };
  }
  if (!('response' in packet)) return undefined;
  const result = packet.response;
  if (result instanceof HttpReply) {
    return { ok: result.body ?? {}, ...(result.status ? { status: result.status } : {}), ...(result.headers ? { headers: result.headers } : {}) };
  }
  return { ok: result ?? {} };
}

/** A refusal as the exception filter passes it on: an error body whose status is 404. */
const isNotFound = (err: unknown): boolean => typeof err === 'object' && err !== null && (err as { status?: unknown }).status === 404;

/**
 * Nest's NATS transport on the service's own connection (docs/architecture.md, "Request path and
 * context"): `@MessagePattern` handlers subscribe in the queue group `dew`, so replicas share the
 * load. Three things differ from the stock server: a request is answered only when its reply
 * subject is the private inbox of a caller the table allows (docs/bus-security.md); the body is
 * JSON within docs/input-limits.md, refused in the row's family; the answer is DEW's envelope,
 * sent once; a caller may ask every replica which of its requests they are working on
 * (`sys.inflight.<service>`). The connection belongs to the service module, which drains it on shutdown.
 */
export class DewNatsTransport extends ServerNats {
  #nc: NatsConnection | undefined;
  #batch: PublishBatch | undefined;
  #log: Pick<Logger, 'error'> | undefined;
  #freshen: ((since?: number) => Promise<CatchUpOutcome>) | undefined;
  #position: (() => number) | undefined;
  readonly #guards = new Map<string, (reply: string | undefined) => boolean>();
  /** Request subscriptions (in the queue group), ended first when the replica stops. */
  readonly #subscriptions: Subscription[] = [];
  /** Probe subscriptions, ended last: until then callers learn their requests are still held. */
  readonly #probeSubscriptions: Subscription[] = [];
  readonly #handlers = new Map<string, MessageHandler>();
  readonly #inFlight: InFlightLimit;
  readonly #held = new HeldRequests();
  #closing: Promise<void> | undefined;

  constructor(
    private readonly defaultFamily: ErrorFamily,
    maxInFlight = DEFAULT_SERVICE_MAX_IN_FLIGHT,
  ) {
    super({});
    this.#inFlight = new InFlightLimit(maxInFlight);
  }

  /** Binds the service's connection and logger once the module has made them (before `listen`). */
  useConnection(nc: NatsConnection, log: Pick<Logger, 'error'>): void {
    this.#nc = nc;
    this.#batch = PublishBatch.of(nc);
    this.#log = log;
  }

  override async createNatsClient(): Promise<NatsConnection> {
    if (!this.#nc) throw new Error('DewNatsTransport: useConnection() before listen()');
    return this.#nc;
  }

  override async handleMessage(channel: string, natsMsg: Msg): Promise<unknown> {
    if (!this.#guardOf(channel)(natsMsg.reply)) {
      this.#log?.error({ subject: channel, reply: natsMsg.reply ?? '' }, 'request ignored: its reply subject is no private inbox of a caller allowed on this subject');
      return;
    }
    const ctx = new NatsContext([natsMsg.subject, natsMsg.headers]);
    const publish = this.getPublisher(natsMsg, natsMsg.reply ?? '', ctx);
    // By subject, as bound: Nest's own lookup parses every subject as JSON first.
    const handler = this.#handlers.get(channel);
    if (!handler) return publish({ err: `no handler for ${channel}` });
    // System subjects (health, test clock) stay answerable however busy the rows are.
    const limited = !channel.startsWith(SYSTEM_PREFIX);
    if (limited) {
      countRequestHandled();
      // The subscription's callback takes every message as it arrives: without this bound a burst
      // would pile up here as promises without limit, each caller waiting up to its bus timeout.
      if (!this.#inFlight.tryEnter()) return publish({ err: busyBody(this.#familyOf(channel), readContext(natsMsg.headers).requestId, this.#inFlight.max) });
    }
    // The guard let only a private inbox through: a reply subject is there. Held (so a stopping
    // replica answers it before it goes) from here, synchronously in the subscription's callback.
    const reply = natsMsg.reply!;
    this.#held.take(reply);
    try {
      return await this.#answer(channel, natsMsg, ctx, handler, publish);
    } finally {
      this.#held.release(reply);
      if (limited) this.#inFlight.leave();
    }
  }

  /**
   * A caller asks which of its pending requests this replica is working on (requests of another
   * inbox are never reported, whoever asks); every replica answers
   * (no queue group), on the same batch as its answers, so an answer sent before is received before.
   * A question that is not one gets no answer: the caller then concludes nothing.
   */
  #answerProbe(subject: string, msg: Msg): void {
    if (!this.#guardOf(subject)(msg.reply)) return;
    const answer = this.#held.answer(msg.reply!, msg.data, performance.now());
    if (answer) this.#batch?.publish(msg.reply!, encoder.encode(JSON.stringify({ ok: answer })), undefined, () => undefined);
  }

  async #answer(channel: string, natsMsg: Msg, ctx: NatsContext, handler: MessageHandler, publish: (packet: Packet) => unknown): Promise<unknown> {
    // One request, one answer: the handler's value (or the filter's error) is awaited and sent
    // at once, without the stream machinery Nest keeps for handlers that answer many times.
    const body = this.#body(channel, natsMsg);
    // A body that is not JSON within the limits, or not a JSON object, is refused in the row's
    // family before any handler runs, whatever the handler declares.
    if (body instanceof DewError) return publish({ err: body.toBody() });
    const run = async (): Promise<unknown> => {
      const result: unknown = await handler(body, ctx);
      return isObservable(result) ? await lastValueFrom(result, { defaultValue: undefined }) : result;
    };
    const since = this.#position?.();
    try {
      return publish({ response: await run() });
    } catch (err) {
      // "Does not exist" may rest on a state another replica's write has not reached yet: asked
      // once more, only if something new was applied since it looked (freshness.ts: by this catch-up or another caller's), and
      // only if the request stored nothing so far (a step of it may have before its 404).
      if (!isNotFound(err) || storedWritesOf(ctx) > 0 || !this.#freshen) return publish({ err });
      const outcome = await this.#freshen(since);
      if (outcome === 'current') return publish({ err });
      // The streams could not be read to their ends: "does not exist" is not confirmed, and nothing was done.
      if (outcome === 'unknown') return publish({ err: unconfirmedBody(this.#familyOf(channel), readContext(natsMsg.headers).requestId) });
      try {
        return publish({ response: await run() });
      } catch (again) {
        return publish({ err: again });
      }
    }
  }

  /**
   * What to await before a 404 is answered (the service's Freshness), and where its streams stand
   * (taken before each handler runs, so a 404 from an older state is looked at again); none on the gateway.
   */
  useFreshness(freshen: (since?: number) => Promise<CatchUpOutcome>, position?: () => number): void {
    this.#freshen = freshen;
    this.#position = position;
  }

  override getPublisher(natsMsg: Msg, _id: string, _ctx: NatsContext): (packet: Packet) => unknown {
    const family = operationOf(natsMsg.subject)?.family ?? this.defaultFamily;
    let answered = false;
    return (packet) => {
      const envelope = answered ? undefined : envelopeOf(packet, family);
      const reply = natsMsg.reply;
      if (!envelope || !reply) return;
      answered = true;
      let data: Uint8Array;
      try {
        data = encoder.encode(JSON.stringify(envelope));
      } catch (err) {
        return this.#answerNotSent(natsMsg, family, err);
      }
      // Sent with the other publishes of this turn, in one socket write (@dew/messaging PublishBatch).
      const batch = this.#batch;
      if (batch) batch.publish(reply, data, undefined, (err) => this.#answerNotSent(natsMsg, family, err));
      else natsMsg.respond(data);
    };
  }

  /**
   * An answer the bus cannot carry (or not JSON): the caller learns it at once, in the family's
   * words, instead of waiting for its timeout. When even that cannot be sent (the connection is
   * closed) the caller's own timeout or connection loss tells it.
   */
  #answerNotSent(natsMsg: Msg, family: ErrorFamily, err: unknown): void {
    const { requestId } = readContext(natsMsg.headers);
    this.#log?.error({ err, subject: natsMsg.subject, requestId }, 'the answer could not be sent');
    const error = { code: INTERNAL_ERROR_CODE[family], status: 500, message: `internal error (request ${requestId}): the answer could not be sent` };
    try {
      natsMsg.respond(encoder.encode(JSON.stringify({ error })));
    } catch (notSent) {
      this.#log?.error({ err: notSent, subject: natsMsg.subject, requestId }, 'the error answer could not be sent either');
    }
  }

  /** A subject answered twice would split requests between two implementations: refused at start. */
  override addHandler(pattern: unknown, callback: Parameters<ServerNats['addHandler']>[1], isEventHandler?: boolean, extras?: Record<string, unknown>): void {
    const route = this.getRouteFromPattern(String(typeof pattern === 'string' ? pattern : JSON.stringify(pattern)));
    if (this.messageHandlers.has(route)) throw new Error(`two handlers answer ${route}`);
    super.addHandler(pattern, callback, isEventHandler, extras);
  }

  /**
   * One subscription per registered row, in the queue group, kept so `close` can end them. Health
   * is the exception: every replica answers it (a caller wanting one answer takes the first; the
   * runner collects them all to show each replica).
   */
  override bindEvents(client: NatsConnection): void {
    for (const [channel, handler] of this.messageHandlers) {
      this.#handlers.set(channel, handler);
      const queue = channel.startsWith(HEALTH_PREFIX) ? {} : { queue: 'dew' };
      this.#subscriptions.push(client.subscribe(channel, { ...queue, callback: this.getMessageHandler(channel).bind(this) }));
    }
    const probed = new Set([...this.messageHandlers.keys()].flatMap((channel) => operationOf(channel)?.service ?? []).map(subjects.inflight));
    for (const subject of probed) this.#probeSubscriptions.push(client.subscribe(subject, { callback: (_err, msg) => this.#answerProbe(subject, msg) }));
  }

  /** The subjects this service answers (for the start-up check against the table). */
  get patterns(): readonly string[] {
    return [...this.messageHandlers.keys()];
  }

  /**
   * Only the subscriptions: the connection is the module's, drained after this. The replica takes
   * no new request (its request subscriptions drained: those the server had already sent here are
   * still taken), then answers those it holds (for at most `graceMs`) while still telling the
   * callers' probes it holds them, so a graceful stop (a rolling upgrade, a scale-down) is never
   * taken for a crash while it answers. Once: Nest may ask again while the first close runs.
   */
  override close(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    this.#closing ??= this.#stop(graceMs);
    return this.#closing;
  }

  async #stop(graceMs: number): Promise<void> {
    await Promise.allSettled(this.#subscriptions.splice(0).map((sub) => sub.drain()));
    if (this.#held.size > 0) {
      const answered = await this.#held.idle(graceMs);
      if (!answered) this.#log?.error({ held: this.#held.size, graceMs }, 'stopping with requests still unanswered after the grace period; their callers will find them lost');
    }
    for (const sub of this.#probeSubscriptions.splice(0)) sub.unsubscribe();
    // The last answers may wait in the batch for the end of this turn; the connection's drain comes next.
    this.#batch?.flush();
  }

  #guardOf(channel: string): (reply: string | undefined) => boolean {
    let guard = this.#guards.get(channel);
    if (!guard) {
      guard = replyGuardFor(channel);
      this.#guards.set(channel, guard);
    }
    return guard;
  }

  #familyOf(channel: string): ErrorFamily {
    return operationOf(channel)?.family ?? this.defaultFamily;
  }

  #body(channel: string, msg: Msg): object | DewError {
    if (msg.data.length === 0) return {};
    const family = this.#familyOf(channel);
    try {
      const body = decodeJsonBody(msg.data, BAD_JSON_CODE[family]);
      return typeof body === 'object' && body !== null && !Array.isArray(body) ? body : BodyNotAnObject(SHAPE_CODES[family].invalid);
    } catch (err) {
      if (err instanceof DewError) return err;
      throw err;
    }
  }
}

import { randomFillSync } from 'node:crypto';
import { createInbox, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { LostRequestWatch, PROBE_EVERY_MS, type WatchedRequest } from './lost-requests.js';
import { perConnection } from './per-connection.js';
import { PublishBatch } from './publish-batch.js';

/** Why a request got no answer; callers turn each into their own family's error. */
export type BusFailureKind = 'no-responders' | 'timeout' | 'too-large' | 'connection-lost' | 'refused' | 'replica-lost';

/**
 * A message JetStream delivered rather than one a responder sent: it carries an ack subject or a
 * `Nats-Stream` header (docs/bus-security.md "Forged replies"). No answer of a request is one.
 */
export const isStreamDelivery = (msg: Msg): boolean => (msg.reply ?? '') !== '' || (msg.headers?.has('Nats-Stream') ?? false);

/** Built only when a request fails: an answered request allocates no Error (docs/performance.md "The bus request path"). */
export class BusRequestFailed extends Error {
  constructor(
    readonly kind: BusFailureKind,
    readonly subject: string,
    message: string,
  ) {
    super(message);
    this.name = 'BusRequestFailed';
  }
}

interface Pending extends WatchedRequest {
  readonly resolve: (msg: Msg) => void;
  readonly reject: (err: BusRequestFailed) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * Request-reply on one connection: one wildcard subscription below the connection's own private
 * inbox prefix (docs/bus-security.md "Private inboxes"), a token per request, one timer per request.
 * A reply on a token that is not pending (late, or never ours) is dropped, and so is a message whose
 * subject is not below the inbox (a JetStream delivery keeps its stored subject). Tokens are
 * random, not a counter: NATS checks a publisher's right to a subject, not to the reply address it
 * sets, so a bus user that sees one request's reply address must not be able to name the next
 * one's (docs/bus-security.md "Forged replies"). A request pending when the connection drops keeps
 * waiting until its timeout: the client renews the subscription on reconnect and an answer sent
 * after it still arrives (a write the service completed is not reported as failed). When the
 * connection is closed every pending request fails at once. A request the replica that took it
 * died under fails in seconds rather than at its timeout (lost-requests.ts).
 */
export class RequestMux {
  readonly #nc: NatsConnection;
  readonly #batch: PublishBatch;
  readonly #pending = new Map<string, Pending>();
  readonly #watch: LostRequestWatch;
  #inbox = '';
  #sub: Subscription | undefined;

  static readonly of = perConnection((nc) => new RequestMux(nc));

  private constructor(nc: NatsConnection) {
    this.#nc = nc;
    this.#batch = PublishBatch.of(nc);
    this.#watch = new LostRequestWatch({
      pending: () => this.#pending.entries(),
      find: (token) => this.#pending.get(token),
      publish: (subject, data, token) => this.#batch.publish(subject, data, { reply: this.#inbox + token }),
      newToken: randomToken,
      lost: (token) => {
        const pending = this.#take(token);
        pending?.reject(new BusRequestFailed('replica-lost', pending.subject, `no replica of the service behind ${pending.subject} is working on the request any more`));
      },
    });
    const sweep = setInterval(() => this.#watch.sweep(performance.now()), PROBE_EVERY_MS).unref();
    void this.#watchConnection();
    void nc.closed().then(() => {
      clearInterval(sweep);
      this.#failAll('connection-lost', 'the bus connection is closed');
    });
  }

  /** Requests pending an answer (tests and diagnostics). */
  get pending(): number {
    return this.#pending.size;
  }

  request(subject: string, data: Uint8Array, headers: MsgHdrs | undefined, timeoutMs: number): Promise<Msg> {
    if (this.#nc.isClosed()) return Promise.reject(new BusRequestFailed('connection-lost', subject, 'the bus connection is closed'));
    let inbox: string;
    try {
      inbox = this.#subscribedInbox();
    } catch (err) {
      return Promise.reject(failureOf(err, subject));
    }
    const token = randomToken();
    const reply = inbox + token;
    return new Promise<Msg>((resolve, reject) => {
      const timer = setTimeout(() => this.#take(token)?.reject(new BusRequestFailed('timeout', subject, `no answer on ${subject} within ${timeoutMs} ms`)), timeoutMs);
      this.#pending.set(token, { subject, reply, sentAt: performance.now(), unclaimed: 0, resolve, reject, timer });
      // Sent with the other publishes of this turn, in one socket write (publish-batch.ts).
      this.#batch.publish(subject, data, { reply, headers }, (err) => this.#take(token)?.reject(failureOf(err, subject)));
    });
  }

  /** The inbox the replies arrive on, subscribed once (again after the server refused the subscription). */
  #subscribedInbox(): string {
    if (!this.#sub) {
      const prefix = (this.#nc as { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
      const inbox = `${createInbox(prefix)}.`;
      this.#sub = this.#nc.subscribe(`${inbox}*`, { callback: (err, msg) => this.#deliver(err, msg) });
      this.#inbox = inbox;
    }
    return this.#inbox;
  }

  #deliver(err: Error | null, msg: Msg): void {
    if (err) {
      // The server refused the subscription (permissions): nothing can be answered on it.
      this.#sub = undefined;
      this.#failAll('refused', err.message);
      return;
    }
    const subject = msg.subject;
    if (!subject.startsWith(this.#inbox)) return;
    const token = subject.slice(this.#inbox.length);
    const pending = this.#take(token);
    if (!pending) {
      // A probe's answers come from the replicas themselves, never from a stream.
      if (!isStreamDelivery(msg)) this.#watch.answer(token, msg.data);
      return;
    }
    // The server's own answer when nobody serves the subject: status 503, no body.
    if (msg.data.length === 0 && msg.headers?.code === 503) pending.reject(new BusRequestFailed('no-responders', pending.subject, `no responders on ${pending.subject}`));
    else pending.resolve(msg);
  }

  #take(token: string): Pending | undefined {
    const pending = this.#pending.get(token);
    if (!pending) return undefined;
    this.#pending.delete(token);
    clearTimeout(pending.timer);
    return pending;
  }

  #failAll(kind: BusFailureKind, why: string): void {
    for (const token of [...this.#pending.keys()]) {
      const pending = this.#take(token);
      pending?.reject(new BusRequestFailed(kind, pending.subject, why));
    }
  }

  /** A publish the server refuses fails the requests on that subject. */
  async #watchConnection(): Promise<void> {
    for await (const status of this.#nc.status()) {
      if (status.type === 'error') this.#refusePublishes(status.error);
    }
  }

  #refusePublishes(err: Error): void {
    const refused = err as { name?: string; operation?: string; subject?: string };
    if (refused.name !== 'PermissionViolationError' || refused.operation !== 'publish') return;
    for (const [token, pending] of this.#pending) {
      if (pending.subject === refused.subject) {
        this.#take(token);
        pending.reject(new BusRequestFailed('refused', pending.subject, err.message));
      }
    }
  }
}

// 16 random bytes per token (base64url), drawn from a pooled buffer: unguessable at the cost of
// one randomFillSync per 256 requests.
const POOL = Buffer.alloc(16 * 256);
let poolOffset = POOL.length;

function randomToken(): string {
  if (poolOffset === POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  const token = POOL.toString('base64url', poolOffset, poolOffset + 16);
  poolOffset += 16;
  return token;
}

function failureOf(err: unknown, subject: string): BusRequestFailed {
  const message = String((err as Error).message ?? err);
  if (/max_payload/i.test(message)) return new BusRequestFailed('too-large', subject, message);
  if (/closed|draining/i.test(message)) return new BusRequestFailed('connection-lost', subject, message);
  return new BusRequestFailed('refused', subject, message);
}

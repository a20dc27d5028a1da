import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { headers as natsHeaders, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { BusRequestFailed, isStreamDelivery, RequestMux } from './request-mux.js';

const decoder = new TextDecoder();
const WRONG_LAST_SEQUENCE = /wrong last sequence: (\d+)/;
/** JSStreamDuplicateMessageConflict (nats-server 2.11+): a publish with this message id is still being proposed. */
const DUPLICATE_MESSAGE_IN_PROCESS = 10158;
/**
 * An expectation failed: 10071 names the actual sequence ("wrong last sequence: 7"); clustered
 * servers from 2.11 on answer 10164 ("wrong last sequence", no number) where they cannot tell it.
 */
const WRONG_LAST_SEQUENCE_CODES: ReadonlySet<number> = new Set([JetStreamApiCodes.StreamWrongLastSequence, JetStreamApiCodes.StreamWrongLastSequenceUnknown]);

const isWrongLastSequenceCode = (code: number | undefined): boolean => code !== undefined && WRONG_LAST_SEQUENCE_CODES.has(code);

/** A JetStream API error saying an expected sequence did not hold (a KV create or update lost its compare-and-swap), in either wording. */
export const isWrongLastSequenceError = (err: unknown): boolean => err instanceof JetStreamApiError && isWrongLastSequenceCode(err.code);
/** As long as nats.js's own JetStream publish waits for its ack. */
export const STREAM_ACK_TIMEOUT_MS = 5000;

/**
 * The subject a message was published to, set on every DEW stream write. A stored message that
 * carries it under another subject is a copy nats-server delivered there on someone's behalf (a
 * push consumer's or a snapshot's deliver subject, docs/bus-security.md "Subjects the server
 * publishes to"), which readers refuse to take as written for the subject it sits on.
 */
export const WRITTEN_FOR_HEADER = 'Dew-Written-For';

/** The publish-time checks JetStream makes before storing (Nats-Expected-* headers). */
export interface StreamExpectation {
  /** The stream that must store the subject; an ack naming another stream is no ack. */
  readonly stream?: string;
  readonly lastSubjectSequence?: number;
  readonly lastSequence?: number;
}

export interface StreamPublishOptions {
  readonly msgId?: string;
  readonly expect?: StreamExpectation;
  /** Application headers; the caller has refused `Nats-` names already. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export interface StreamPublishAck {
  readonly seq: number;
  readonly duplicate: boolean;
}

/** No stream stores the subject (the server's no-responders answer). */
export class NoStreamForSubject extends Error {
  override readonly name = 'NoStreamForSubject';
  constructor(readonly subject: string, options?: ErrorOptions) {
    super(`no JetStream stream captures subject ${subject}`, options);
  }
}

/** JetStream refused the publish because the subject (stream) has moved on; `actual` when the server said where it is. */
export class WrongLastSequence extends Error {
  override readonly name = 'WrongLastSequence';
  constructor(readonly actual: number | undefined, message: string) {
    super(message);
  }
}

/**
 * A clustered nats-server answered "duplicate" with no sequence: it has seen this message id, but
 * holds no message for it — an earlier publish with the id was refused (a clustered 2.10 leader
 * keeps a refused publish's id for the duplicate window), or one with the id is still on its way.
 * Whether the message is stored is not known from this answer.
 */
export class DuplicateOfUnstored extends Error {
  override readonly name: string = 'DuplicateOfUnstored';
  constructor(readonly subject: string, message = `publish to ${subject}: JetStream answered "duplicate" without a stored message`) {
    super(message);
  }
}

/**
 * nats-server 2.11+ (error 10158, "duplicate message id is in process"): a publish with this
 * message id is being proposed right now and may yet be stored, so, unlike a plain
 * DuplicateOfUnstored, an unmoved subject does not show that nothing was stored.
 */
export class DuplicateInProcess extends DuplicateOfUnstored {
  override readonly name = 'DuplicateInProcess';
  constructor(subject: string) {
    super(subject, `publish to ${subject}: a publish with the same message id is still being stored`);
  }
}

/** JetStream refused to store a publish; `status` is its HTTP-like code (503: temporarily unavailable, e.g. no stream leader). */
export class StreamPublishRefused extends Error {
  override readonly name = 'StreamPublishRefused';
  constructor(
    readonly subject: string,
    readonly status: number | undefined,
    description: string,
    /** JetStream's own error code (10077: the store refused it, e.g. the stream is at its limits). */
    readonly errCode?: number,
  ) {
    super(`publish to ${subject} refused: ${description}`);
  }
}

interface PubAck {
  readonly stream?: string;
  readonly seq?: number;
  readonly duplicate?: boolean;
  readonly error?: { readonly code?: number; readonly err_code?: number; readonly description?: string };
}

/**
 * A JetStream publish as a request on the connection's RequestMux: no subscription, promise or
 * Error per publish as nats.js's js.publish builds (docs/performance.md, "create-key"). Resolves
 * with the ack once stored; rejects with WrongLastSequence when an expectation failed.
 */
export async function publishToStream(nc: NatsConnection, subject: string, data: Uint8Array, opts: StreamPublishOptions): Promise<StreamPublishAck> {
  const h = natsHeaders();
  for (const [key, value] of Object.entries(opts.headers ?? {})) h.set(key, value);
  h.set(WRITTEN_FOR_HEADER, subject);
  if (opts.msgId !== undefined) h.set('Nats-Msg-Id', opts.msgId);
  if (opts.expect?.stream !== undefined) h.set('Nats-Expected-Stream', opts.expect.stream);
  if (opts.expect?.lastSubjectSequence !== undefined) h.set('Nats-Expected-Last-Subject-Sequence', String(opts.expect.lastSubjectSequence));
  if (opts.expect?.lastSequence !== undefined) h.set('Nats-Expected-Last-Sequence', String(opts.expect.lastSequence));
  let answer: Msg;
  try {
    answer = await RequestMux.of(nc).request(subject, data, h, opts.timeoutMs ?? STREAM_ACK_TIMEOUT_MS);
  } catch (err) {
    if (err instanceof BusRequestFailed && err.kind === 'no-responders') throw new NoStreamForSubject(subject, { cause: err });
    throw err;
  }
  return ackOf(subject, answer, opts.expect?.stream);
}

/**
 * Only a plain PubAck counts: a stored message delivered to the inbox (it has a reply subject or a
 * Nats-Stream header), or an ack from another stream than the one expected, is no ack
 * (docs/bus-security.md, "Forged replies").
 */
function ackOf(subject: string, answer: Msg, stream: string | undefined): StreamPublishAck {
  // A stored message delivered to the inbox is no answer of the server's, whatever its body says.
  if (isStreamDelivery(answer)) throw new Error(`publish to ${subject}: the answer was no JetStream ack`);
  let ack: PubAck;
  try {
    ack = JSON.parse(decoder.decode(answer.data)) as PubAck;
  } catch {
    throw new Error(`publish to ${subject}: the answer was no JetStream ack`);
  }
  if (ack.error) {
    const description = ack.error.description ?? `JetStream error ${ack.error.err_code ?? ack.error.code ?? ''}`;
    if (isWrongLastSequenceCode(ack.error.err_code)) {
      const actual = WRONG_LAST_SEQUENCE.exec(description)?.[1];
      throw new WrongLastSequence(actual === undefined ? undefined : Number(actual), description);
    }
    if (ack.error.err_code === DUPLICATE_MESSAGE_IN_PROCESS) throw new DuplicateInProcess(subject);
    throw new StreamPublishRefused(subject, ack.error.code, description, ack.error.err_code);
  }
  if (ack.duplicate === true && ack.seq === 0) throw new DuplicateOfUnstored(subject);
  const plainAck = Number.isSafeInteger(ack.seq) && (ack.seq ?? 0) > 0 && !!ack.stream && (stream === undefined || ack.stream === stream);
  if (!plainAck) throw new Error(`publish to ${subject}: the answer was no JetStream ack`);
  return { seq: ack.seq!, duplicate: ack.duplicate === true };
}

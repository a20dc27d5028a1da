import { JetStreamApiCodes } from '@nats-io/jetstream';
import { headers as natsHeaders, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { BusRequestFailed, RequestMux } from '@dew/messaging';

const decoder = new TextDecoder();
const WRONG_LAST_SEQUENCE = /wrong last sequence: (\d+)/;
/** As long as nats.js's own JetStream publish waits for its ack. */
const ACK_TIMEOUT_MS = 5000;

/** The publish-time checks JetStream makes before storing (Nats-Expected-* headers). */
export interface StreamExpectation {
  readonly lastSubjectSequence?: number;
  readonly lastSequence?: number;
}

export interface StreamPublishOptions {
  readonly msgId?: string;
  readonly expect?: StreamExpectation;
  /** Application headers; the caller has refused `Nats-` names already. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface StreamPublishAck {
  readonly seq: number;
  readonly duplicate: boolean;
}

/** JetStream refused the publish because the subject (stream) has moved on; `actual` when the server said where it is. */
export class WrongLastSequence extends Error {
  override readonly name = 'WrongLastSequence';
  constructor(readonly actual: number | undefined, message: string) {
    super(message);
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
  if (opts.msgId !== undefined) h.set('Nats-Msg-Id', opts.msgId);
  if (opts.expect?.lastSubjectSequence !== undefined) h.set('Nats-Expected-Last-Subject-Sequence', String(opts.expect.lastSubjectSequence));
  if (opts.expect?.lastSequence !== undefined) h.set('Nats-Expected-Last-Sequence', String(opts.expect.lastSequence));
  let answer: Msg;
  try {
    answer = await RequestMux.of(nc).request(subject, data, h, ACK_TIMEOUT_MS);
  } catch (err) {
    if (err instanceof BusRequestFailed && err.kind === 'no-responders') throw new Error(`no JetStream stream captures subject ${subject}`, { cause: err });
    throw err;
  }
  return ackOf(subject, answer);
}

function ackOf(subject: string, answer: Msg): StreamPublishAck {
  let ack: PubAck;
  try {
    ack = JSON.parse(decoder.decode(answer.data)) as PubAck;
  } catch {
    throw new Error(`publish to ${subject}: the answer was no JetStream ack`);
  }
  if (ack.error) {
    const description = ack.error.description ?? `JetStream error ${ack.error.err_code ?? ack.error.code ?? ''}`;
    if (ack.error.err_code === JetStreamApiCodes.StreamWrongLastSequence) {
      const actual = WRONG_LAST_SEQUENCE.exec(description)?.[1];
      throw new WrongLastSequence(actual === undefined ? undefined : Number(actual), description);
    }
    throw new Error(`publish to ${subject} refused: ${description}`);
  }
  if (typeof ack.seq !== 'number' || !ack.stream) throw new Error(`publish to ${subject}: the answer was no JetStream ack`);
  return { seq: ack.seq, duplicate: ack.duplicate === true };
}

import type { Msg, MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import { type ErrorBody, ServiceConnectionLost, ServiceReplicaLost, ServiceUnavailable, TooLargeToForward, ServiceTimedOut, ForgedReply, RefusalFromService } from '@dew/contracts';
import { contextHeaders, type RequestContext } from './context.js';
import { retriedAfterLoss } from './lost-requests.js';
import { BusRequestFailed, isStreamDelivery, RequestMux } from './request-mux.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Reply envelope on every DEW request subject: exactly one of `ok` or `error`. */
export type RpcReply<T> =
  | { readonly ok: T; readonly status?: number; readonly headers?: Readonly<Record<string, string>> }
  | { readonly error: ErrorBody };

/**
 * A result that also sets the HTTP status or response headers at the gateway (201 Created, the
 * `X-Subject-Token` of a new token). Most handlers return plain bodies.
 */
export class HttpReply<T = unknown> {
  constructor(
    readonly body: T,
    readonly status?: number,
    readonly headers?: Readonly<Record<string, string>>,
  ) {}
}

export interface RpcResult<T> {
  readonly body: T;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RequestOptions {
  readonly timeoutMs?: number;
}

/** Request-reply to a DEW service; a refusal comes back as the service's DewError. */
export async function request<T>(
  nc: NatsConnection,
  subject: string,
  body: unknown,
  ctx: RequestContext,
  opts: RequestOptions = {},
): Promise<T> {
  return (await requestWithMeta<T>(nc, subject, body, ctx, opts)).body;
}

/** Like `request`, keeping the status and headers an HttpReply set. */
export function requestWithMeta<T>(
  nc: NatsConnection,
  subject: string,
  body: unknown,
  ctx: RequestContext,
  opts: RequestOptions = {},
): Promise<RpcResult<T>> {
  return requestWithHeaders<T>(nc, subject, body, contextHeaders(ctx), opts);
}

/** One request with the context already as headers (a Nest `NatsRecord`'s); refusals come back as DewErrors. */
export async function requestWithHeaders<T>(
  nc: NatsConnection,
  subject: string,
  body: unknown,
  headers: MsgHdrs,
  opts: RequestOptions = {},
): Promise<RpcResult<T>> {
  const data = encoder.encode(JSON.stringify(body ?? {}));
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let msg: Msg;
  try {
    msg = await RequestMux.of(nc).request(subject, data, headers, timeoutMs);
  } catch (err) {
    if (!(err instanceof BusRequestFailed && err.kind === 'replica-lost' && retriedAfterLoss(subject))) throw refusalOf(err, nc);
    try {
      msg = await RequestMux.of(nc).request(subject, data, headers, timeoutMs);
    } catch (again) {
      throw refusalOf(again, nc);
    }
  }
  const reply = serviceReply<T>(msg, subject);
  if ('error' in reply) {
    const { code, status, message, retry_after_s } = reply.error;
    throw RefusalFromService(code, message, status, retry_after_s);
  }
  return { body: reply.ok, ...(reply.status ? { status: reply.status } : {}), ...(reply.headers ? { headers: reply.headers } : {}) };
}

/** A request the bus did not answer, in the gateway family's words; a refused publish stays an internal fault. */
function refusalOf(err: unknown, nc: NatsConnection): unknown {
  if (!(err instanceof BusRequestFailed)) return err;
  switch (err.kind) {
    case 'no-responders':
      return ServiceUnavailable(err.subject);
    case 'connection-lost':
      return ServiceConnectionLost(err.subject);
    case 'timeout':
      return ServiceTimedOut(err.subject);
    case 'replica-lost':
      return ServiceReplicaLost(err.subject);
    case 'too-large':
      return TooLargeToForward(nc.info?.max_payload);
    case 'refused':
      return err;
  }
}

/**
 * The answer, once it is one a service sent (docs/bus-security.md "Forged replies"): a message
 * JetStream delivers into the caller's inbox carries an ack subject or `Nats-Stream` headers, and
 * a stream that captured the request subject answers with its publish ack, not an envelope.
 */
function serviceReply<T>(msg: Msg, subject: string): RpcReply<T> {
  const delivered = isStreamDelivery(msg);
  let reply: unknown;
  try {
    reply = JSON.parse(decoder.decode(msg.data));
  } catch {
    reply = undefined;
  }
  const envelope = typeof reply === 'object' && reply !== null && ('ok' in reply || 'error' in reply);
  if (delivered || !envelope) throw ForgedReply(subject);
  return reply as RpcReply<T>;
}

import type { Msg, MsgHdrs, NatsConnection, Subscription } from '@nats-io/transport-node';
import { BAD_JSON_CODE, DewError, decodeJsonBody, isErrorCode, type ErrorBody, ServiceUnavailable, TooLargeToForward, ServiceTimedOut, ForgedReply } from '@dew/contracts';
import { contextHeaders, readContext, type RequestContext } from './context.js';
import { replyGuardFor } from './request-callers.js';

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

export type RpcHandler = (body: unknown, ctx: RequestContext) => Promise<unknown>;

export interface RpcLogger {
  error(obj: object, msg: string): void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Unknown faults leave the service as KMS.0101 without details; the detail goes to the log only. */
function toErrorBody(err: unknown, subject: string, ctx: RequestContext, log: RpcLogger): ErrorBody {
  if (err instanceof DewError) return err.toBody();
  log.error({ err, subject, requestId: ctx.requestId }, 'request failed with an internal fault');
  return { code: 'KMS.0101', status: 500, message: `internal error (request ${ctx.requestId})` };
}

export function serve(
  nc: NatsConnection,
  subject: string,
  handler: RpcHandler,
  log: RpcLogger,
  queue = 'dew',
): Subscription {
  const fromCaller = replyGuardFor(subject);
  return nc.subscribe(subject, {
    queue,
    callback: (err, msg) => {
      if (err) {
        log.error({ err, subject }, 'subscription error');
        return;
      }
      if (!fromCaller(msg.reply)) {
        log.error({ subject, reply: msg.reply ?? '' }, 'request ignored: its reply subject is no private inbox of a caller allowed on this subject');
        return;
      }
      void answer(msg, handler, log);
    },
  });
}

async function answer(msg: Msg, handler: RpcHandler, log: RpcLogger): Promise<void> {
  const ctx = readContext(msg.headers);
  let reply: RpcReply<unknown>;
  try {
    const family = msg.subject.startsWith('csms.') ? 'csms' : msg.subject.startsWith('iam.') ? 'iam' : 'kms';
    const body: unknown = msg.data.length ? decodeJsonBody(msg.data, BAD_JSON_CODE[family]) : {};
    const result = await handler(body, ctx);
    reply =
      result instanceof HttpReply
        ? { ok: result.body ?? {}, ...(result.status ? { status: result.status } : {}), ...(result.headers ? { headers: result.headers } : {}) }
        : { ok: result ?? {} };
  } catch (err) {
    reply = { error: toErrorBody(err, msg.subject, ctx, log) };
  }
  if (msg.reply) msg.respond(encoder.encode(JSON.stringify(reply)));
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
  let msg: Msg;
  try {
    msg = await nc.request(subject, encoder.encode(JSON.stringify(body ?? {})), {
      timeout: opts.timeoutMs ?? 30_000,
      headers,
    });
  } catch (err) {
    const name = (err as { name?: string }).name ?? '';
    const text = String((err as Error).message ?? err);
    if (name === 'NoRespondersError' || /no responders/i.test(text)) {
      throw ServiceUnavailable(subject);
    }
    if (/max_payload/i.test(text)) {
      throw TooLargeToForward(nc.info?.max_payload);
    }
    if (name === 'TimeoutError' || /timeout/i.test(text)) {
      throw ServiceTimedOut(subject);
    }
    throw err;
  }
  const reply = serviceReply<T>(msg, subject);
  if ('error' in reply) {
    const { code, status, message } = reply.error;
    throw isErrorCode(code) ? new DewError(code, message, status) : new DewError('KMS.0101', message, status);
  }
  return { body: reply.ok, ...(reply.status ? { status: reply.status } : {}), ...(reply.headers ? { headers: reply.headers } : {}) };
}

/**
 * The answer, once it is one a service sent (docs/bus-security.md "Forged replies"): a message
 * JetStream delivers into the caller's inbox carries an ack subject or `Nats-Stream` headers, and
 * a stream that captured the request subject answers with its publish ack, not an envelope.
 */
function serviceReply<T>(msg: Msg, subject: string): RpcReply<T> {
  const delivered = (msg.reply ?? '') !== '' || (msg.headers?.has('Nats-Stream') ?? false);
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

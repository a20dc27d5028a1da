import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy, NatsRecord, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import type { Operation, ReplyOf, RequestOf } from '@dew/contracts';
import { contextHeaders, requestWithHeaders, type RequestContext, type RpcResult } from '@dew/messaging';
import { NATS_CONNECTION } from '../config.js';

/** How long a caller waits for a service before answering 503 (docs/architecture.md, "Request path and context"). */
export const BUS_TIMEOUT_MS = 30_000;

/**
 * Nest's client side on the service's own connection. Unlike the stock NATS client it asks on
 * the connection's one RequestMux subscription in its private inbox (no subscription per call), waits at most
 * BUS_TIMEOUT_MS, and accepts only an answer a service sent (`requestWithHeaders`: forged replies,
 * no responders as 503, a message over the bus's limit as 413).
 */
export class DewBusClient extends ClientProxy {
  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs = BUS_TIMEOUT_MS,
  ) {
    super();
  }

  async connect(): Promise<NatsConnection> {
    return this.nc;
  }

  close(): void {
    // The connection belongs to the service module, which drains it on shutdown.
  }

  unwrap<T>(): T {
    return this.nc as T;
  }

  /** One request as a promise: what `send` does, without an Observable per call (the hot path). */
  ask<T>(pattern: string, record: NatsRecord<unknown, MsgHdrs>): Promise<RpcResult<T>> {
    return requestWithHeaders<T>(this.nc, pattern, record.data, record.headers as MsgHdrs, { timeoutMs: this.timeoutMs });
  }

  protected publish(packet: ReadPacket<NatsRecord<unknown, MsgHdrs>>, callback: (packet: WritePacket) => void): () => void {
    this.ask(String(packet.pattern), packet.data).then(
      (result) => callback({ response: result, isDisposed: true }),
      (err: unknown) => callback({ err, isDisposed: true }),
    );
    return () => undefined;
  }

  protected async dispatchEvent(): Promise<never> {
    throw new Error('DEW has no fire-and-forget requests: events go to JetStream');
  }
}

/**
 * A typed call of one row of the operation table: the row's request in, its reply out, the
 * context as NATS headers (a `NatsRecord`). A refusal comes back as the service's DewError.
 */
@Injectable()
export class Bus {
  /** One client per timeout a caller uses (a handful: the default, 5 s for authentication …). */
  readonly #clients = new Map<number, DewBusClient>();

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async call<O extends Operation>(op: O, body: RequestOf<O> | Record<string, unknown>, ctx: RequestContext, opts: CallOptions = {}): Promise<ReplyOf<O>> {
    return (await this.callWithMeta(op, body, ctx, opts)).body as ReplyOf<O>;
  }

  /** Like `call`, keeping the status and headers the service set (the gateway renders them). */
  callWithMeta<T = unknown>(op: Pick<Operation, 'pattern' | 'name'>, body: unknown, ctx: RequestContext, opts: CallOptions = {}): Promise<RpcResult<T>> {
    if (!op.pattern) throw new Error(`operation ${op.name} has no subject`);
    // `ask` rather than `send`: measured under load, the Observable per call cost the gateway
    // about 50 µs of CPU per request (docs/performance.md); `send` stays for Nest-style callers.
    return this.#client(opts.timeoutMs ?? BUS_TIMEOUT_MS).ask<T>(op.pattern, new NatsRecord(body, contextHeaders(ctx)));
  }

  #client(timeoutMs: number): DewBusClient {
    let client = this.#clients.get(timeoutMs);
    if (!client) {
      client = new DewBusClient(this.nc, timeoutMs);
      this.#clients.set(timeoutMs, client);
    }
    return client;
  }
}

export interface CallOptions {
  readonly timeoutMs?: number;
}

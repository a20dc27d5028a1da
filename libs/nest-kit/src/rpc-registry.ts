import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { serve, type RpcHandler } from '@dew/messaging';
import { NATS_CONNECTION, PINO } from './config.js';

/**
 * The NATS adapter of a service: use cases register their subject here; subscriptions open only
 * after every module is initialised (state caught up), so no request sees a half-built state.
 */
@Injectable()
export class RpcRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #handlers = new Map<string, RpcHandler>();
  readonly #subscriptions: Subscription[] = [];

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  register(subject: string, handler: RpcHandler): void {
    if (this.#handlers.has(subject)) throw new Error(`handler for ${subject} registered twice`);
    this.#handlers.set(subject, handler);
  }

  /** Subjects registered here (handlers not yet on `@Handles`). */
  get subjects(): readonly string[] {
    return [...this.#handlers.keys()];
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const [subject, handler] of this.#handlers) this.#subscriptions.push(serve(this.nc, subject, handler, this.log));
    // The server has the subscriptions once the flush returns: a started service answers at once.
    await this.nc.flush();
  }

  onApplicationShutdown(): void {
    for (const sub of this.#subscriptions) sub.unsubscribe();
  }
}

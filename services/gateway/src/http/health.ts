import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { request, systemContext, subjects } from '@dew/messaging';
import { NATS_CONNECTION } from '@dew/nest-kit';

export interface Readiness {
  readonly ready: boolean;
  readonly services: Record<string, 'ok' | 'unavailable'>;
}

/** Liveness is the process answering; readiness is NATS plus every expected service answering. */
@Injectable()
export class HealthProbe {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async readiness(expected: readonly string[]): Promise<Readiness> {
    const entries = await Promise.all(
      expected.map(async (service) => {
        try {
          await request(this.nc, subjects.health(service), {}, systemContext('health'), { timeoutMs: 2000 });
          return [service, 'ok'] as const;
        } catch {
          return [service, 'unavailable'] as const;
        }
      }),
    );
    const services = Object.fromEntries(entries);
    return { ready: !this.nc.isClosed() && entries.every(([, s]) => s === 'ok'), services };
  }
}

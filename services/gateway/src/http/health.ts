import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { request, systemContext, subjects } from '@dew/messaging';
import { NATS_CONNECTION, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';

export interface Liveness {
  readonly status: 'ok';
  /** How often the runner restarted the gateway after a crash (docs/architecture.md, "Supervision"). */
  readonly restarts: number;
}

export interface Readiness {
  readonly ready: boolean;
  readonly services: Record<string, 'ok' | 'unavailable'>;
  /** Restarts of the gateway and of every service that answered. */
  readonly restarts: Record<string, number>;
}

interface HealthReply {
  readonly details?: { readonly restarts?: unknown };
}

/** Liveness is the process answering; readiness is NATS plus every expected service answering. */
@Injectable()
export class HealthProbe {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  liveness(): Liveness {
    return { status: 'ok', restarts: this.settings.restarts };
  }

  async readiness(expected: readonly string[]): Promise<Readiness> {
    const entries = await Promise.all(
      expected.map(async (service) => {
        try {
          const reply = await request<HealthReply>(this.nc, subjects.health(service), {}, systemContext('health'), { timeoutMs: 2000 });
          const restarts = reply.details?.restarts;
          return { service, status: 'ok' as const, restarts: typeof restarts === 'number' ? restarts : undefined };
        } catch {
          return { service, status: 'unavailable' as const, restarts: undefined };
        }
      }),
    );
    const services = Object.fromEntries(entries.map((e) => [e.service, e.status]));
    const restarts: Record<string, number> = { gateway: this.settings.restarts };
    for (const e of entries) if (e.restarts !== undefined) restarts[e.service] = e.restarts;
    return { ready: !this.nc.isClosed() && entries.every((e) => e.status === 'ok'), services, restarts };
  }
}

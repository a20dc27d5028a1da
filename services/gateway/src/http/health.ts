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
  /**
   * Services that skipped stream messages as no events of their subjects, or folded a subject
   * again (libs/event-store/src/stream-anomalies.ts), one line each: worth an operator's look,
   * though the service keeps serving, so readiness does not depend on it. Absent when none did.
   */
  readonly warnings?: Record<string, string[]>;
}

interface AnomalyFigures {
  readonly count: number;
  readonly last: { readonly streamSequence: number };
}

interface HealthReply {
  readonly details?: { readonly restarts?: unknown; readonly stream_anomalies?: Record<string, Record<string, AnomalyFigures>> };
}

const ANOMALY_WORDS: Readonly<Record<string, string>> = {
  'foreign-message': 'messages skipped as no event of their subject',
  refold: 'subjects folded again after another writer\'s message came below an own write',
};

function warningsOf(anomalies: Record<string, Record<string, AnomalyFigures>> | undefined): string[] {
  const out: string[] = [];
  for (const [kind, byStream] of Object.entries(anomalies ?? {})) {
    for (const [stream, { count, last }] of Object.entries(byStream)) {
      // /ready answers anyone: counts and a sequence only, never subjects (they name tenants) nor
      // reasons (a binding's text is the sender's); the service's health on the bus has them (`dew health`).
      out.push(`${stream}: ${count} ${ANOMALY_WORDS[kind] ?? kind} (latest: message ${last.streamSequence})`);
    }
  }
  return out;
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
          return { service, status: 'ok' as const, restarts: typeof restarts === 'number' ? restarts : undefined, warnings: warningsOf(reply.details?.stream_anomalies) };
        } catch {
          return { service, status: 'unavailable' as const, restarts: undefined, warnings: [] };
        }
      }),
    );
    const services = Object.fromEntries(entries.map((e) => [e.service, e.status]));
    const restarts: Record<string, number> = { gateway: this.settings.restarts };
    for (const e of entries) if (e.restarts !== undefined) restarts[e.service] = e.restarts;
    const warned = entries.filter((e) => e.warnings.length > 0);
    const ready = !this.nc.isClosed() && entries.every((e) => e.status === 'ok');
    return { ready, services, restarts, ...(warned.length > 0 ? { warnings: Object.fromEntries(warned.map((e) => [e.service, e.warnings])) } : {}) };
  }
}

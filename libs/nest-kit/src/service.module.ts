import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Logger } from 'pino';
import { connectNats } from '@dew/messaging';
import { JetStreamEventStore, onStreamAnomaly, streamAnomalies } from '@dew/event-store';
import { EVENT_STORE, NATS_CONNECTION, PINO, ROOT_KEY, SERVICE_SETTINGS, STREAMS_CONNECTION, type ServiceSettings } from './config.js';
import { openRootKey, type RootKeyProvider } from '@dew/crypto';
import { Clock } from './clock.js';
import { Freshness } from './freshness.js';
import { ReadModels } from './read-models.js';
import { StreamAggregateDeps } from './stream-aggregates.js';
import { HealthDetails } from './health-details.js';
import { anomalyLog } from './anomaly-log.js';
import { systemControllers } from './bus/system.controllers.js';
import { Bus } from './bus/bus-client.js';

/** Never logged, whatever a log call passes in (defence in depth; secrets are not logged on purpose). */
const REDACT = ['secret', 'password', 'plain_text', 'plaintext', 'data_key', '*.secret', '*.password', '*.plain_text', '*.data_key', 'req.headers.authorization', 'req.headers["x-auth-token"]'];

export function createLogger(settings: ServiceSettings): Logger {
  return pino({ name: `dew-${settings.service}`, level: settings.logLevel, redact: { paths: REDACT, censor: '[redacted]' } });
}

/**
 * The service's health figures, stream anomalies among them: a message skipped as no event of its
 * subject, a subject folded again (libs/event-store/src/stream-anomalies.ts). They are logged as
 * they are met (a flood of them a line every few seconds: anomaly-log.ts); health keeps the count and the latest, and the gateway's readiness lists them as
 * warnings without taking the service out of service (docs/bus-security.md).
 */
function healthDetails(settings: ServiceSettings, logger: Logger): HealthDetails {
  const details = new HealthDetails(settings.restarts, settings.replica);
  details.add('stream_anomalies', streamAnomalies);
  onStreamAnomaly(anomalyLog(logger));
  return details;
}

/** What a service that keeps nothing root-wrapped (gateway, audit) gets: no key bytes in its memory at all. */
const NO_ROOT_KEY: RootKeyProvider = {
  description: 'none (this service keeps nothing wrapped by the root key)',
  wrap: () => Promise.reject(new Error('this service holds no root key')),
  unwrap: () => Promise.reject(new Error('this service holds no root key')),
};

function loadRootKey(settings: ServiceSettings, log: Logger): RootKeyProvider {
  // A token key is created by the runner (or `dew root-key init`) before the services start: six
  // services creating it at once could leave two keys under one label.
  const { provider, created } = openRootKey(settings.rootKey, settings.rootKey.provider !== 'pkcs11');
  if (created) log.warn({ rootKey: provider.description }, 'created a new root key; back it up apart from the data dir (a token key stays in its token)');
  log.info({ rootKey: provider.description }, 'root key opened');
  return provider;
}

@Injectable()
class NatsDrain implements OnApplicationShutdown {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(STREAMS_CONNECTION) private readonly streams: NatsConnection,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await this.streams.drain().catch(() => undefined);
    await this.nc.drain().catch(() => undefined);
  }
}

/** Connection, event store, clock, logger and NATS adapter shared by every DEW service. */
@Module({})
export class DewServiceModule {
  /** `holdsRootKey: false` for a service that keeps nothing root-wrapped: it never opens the root key (rotation has nothing to do there). */
  static forRoot(settings: ServiceSettings, logger = createLogger(settings), opts: { readonly holdsRootKey?: boolean } = {}): DynamicModule {
    return {
      module: DewServiceModule,
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] })],
      controllers: systemControllers(settings),
      providers: [
        { provide: SERVICE_SETTINGS, useValue: settings },
        { provide: PINO, useValue: logger },
        {
          provide: NATS_CONNECTION,
          useFactory: () =>
            connectNats({
              servers: settings.natsUrl,
              name: `dew-${settings.service}`,
              actsAs: settings.service,
              ...(settings.natsUser ? { user: settings.natsUser, pass: settings.natsPass ?? '' } : {}),
            }),
        },
        {
          provide: STREAMS_CONNECTION,
          useFactory: () =>
            connectNats({
              servers: settings.natsUrl,
              name: `dew-${settings.service}-streams`,
              actsAs: settings.service,
              ...(settings.natsStreamsUser
                ? { user: settings.natsStreamsUser, pass: settings.natsStreamsPass ?? '' }
                : settings.natsUser ? { user: settings.natsUser, pass: settings.natsPass ?? '' } : {}),
            }),
        },
        { provide: EVENT_STORE, useFactory: (nc: NatsConnection) => new JetStreamEventStore(nc), inject: [STREAMS_CONNECTION] },
        { provide: ROOT_KEY, useFactory: () => (opts.holdsRootKey === false ? NO_ROOT_KEY : loadRootKey(settings, logger)) },
        Clock,
        Bus,
        { provide: HealthDetails, useFactory: () => healthDetails(settings, logger) },
        ReadModels,
        Freshness,
        StreamAggregateDeps,
        NatsDrain,
      ],
      exports: [SERVICE_SETTINGS, PINO, NATS_CONNECTION, STREAMS_CONNECTION, EVENT_STORE, ROOT_KEY, Clock, Bus, HealthDetails, ReadModels, Freshness, StreamAggregateDeps],
    };
  }
}


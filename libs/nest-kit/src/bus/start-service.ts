import { NestFactory } from '@nestjs/core';
import type { DynamicModule, INestApplication, INestApplicationContext, INestMicroservice } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { operationsAnsweredBy, type ErrorFamily, type ServiceName } from '@dew/contracts';
import { NATS_CONNECTION, PINO, type ServiceSettings } from '../config.js';
import { exitWithParent } from '../exit-with-parent.js';
import { once, stopOnSignals } from '../stop-on-signals.js';
import { Freshness } from '../freshness.js';
import { DEFAULT_SERVICE_MAX_IN_FLIGHT, DewNatsTransport } from './nats-transport.js';
import { wholeNumberFromEnv } from '../limits/env-number.js';
import { DewRpcExceptionFilter } from './rpc-exception.filter.js';
import { natsReachable, startHealthListener } from './health-listener.js';

/**
 * The subjects a service must answer and may answer: every row of the table it owns, plus the
 * system subjects. A row without a handler, or a handler on a subject the table does not give
 * this service, stops the start (docs/architecture.md, "Operations").
 */
export function checkAnsweredRows(service: ServiceName, answered: readonly string[]): void {
  const rows = operationsAnsweredBy(service).map((o) => o.pattern as string);
  const missing = rows.filter((p) => !answered.includes(p));
  const unknown = answered.filter((p) => !rows.includes(p) && !p.startsWith('sys.'));
  if (missing.length || unknown.length) {
    throw new Error(`${service}: rows without a handler: [${missing.join(', ')}]; handlers outside the table: [${unknown.join(', ')}]`);
  }
}

/**
 * Starts a service as a Nest microservice on DEW's NATS transport: modules initialise first (every
 * aggregate caught up), then the handlers subscribe, so no request meets a half-built state.
 */
export async function startService(module: DynamicModule, settings: ServiceSettings, family: ErrorFamily, env: NodeJS.ProcessEnv): Promise<INestMicroservice> {
  const transport = new DewNatsTransport(family, serviceMaxInFlight(env));
  const app = await NestFactory.createMicroservice(module, { strategy: transport, bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  const { nc } = wire(app, transport, family);
  const freshness = app.get(Freshness);
  if (freshness.active) transport.useFreshness((since) => freshness.catchUp(since), () => freshness.position());
  const close = once(() => app.close());
  stopOnSignals(close);
  exitWithParent(env, close);
  await app.listen();
  await answering(app, transport, settings, nc);
  // Kubernetes probes (docs/kubernetes.md, "Probes"): served once the service answers on the bus.
  if (settings.healthPort !== undefined) await startHealthListener('0.0.0.0', settings.healthPort, natsReachable(nc));
  return app;
}

/** DEW_SERVICE_MAX_IN_FLIGHT: the requests one service process works on at once (docs/input-limits.md). */
export const serviceMaxInFlight = (env: Readonly<Record<string, string | undefined>>): number =>
  wholeNumberFromEnv(env, 'DEW_SERVICE_MAX_IN_FLIGHT', DEFAULT_SERVICE_MAX_IN_FLIGHT, 1, 1_000_000);

/**
 * The gateway's side: an HTTP application that also answers its system subjects (health, test
 * clock) on the same transport, after `init`.
 */
export async function connectBus(app: INestApplication, settings: ServiceSettings, family: ErrorFamily): Promise<void> {
  const transport = new DewNatsTransport(family);
  const { nc } = wire(app, transport, family);
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await answering(app, transport, settings, nc);
}

function wire(app: INestApplicationContext & { useGlobalFilters(...f: object[]): unknown }, transport: DewNatsTransport, family: ErrorFamily) {
  const log = app.get<Logger>(PINO);
  const nc = app.get<NatsConnection>(NATS_CONNECTION);
  transport.useConnection(nc, log);
  app.useGlobalFilters(new DewRpcExceptionFilter(family, log));
  return { nc };
}

async function answering(app: INestApplicationContext, transport: DewNatsTransport, settings: ServiceSettings, nc: NatsConnection): Promise<void> {
  checkAnsweredRows(settings.service as ServiceName, transport.patterns);
  // The server has the subscriptions once the flush returns: a started service answers at once.
  await nc.flush();
}

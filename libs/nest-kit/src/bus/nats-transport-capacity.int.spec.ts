import 'reflect-metadata';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { csmsOperations, DewError } from '@dew/contracts';
import { request, subjects, systemContext, type RequestContext } from '@dew/messaging';
import { startTestNats, type TestNats } from '@dew/testing';
import { Bus } from './bus-client.js';
import { Handles } from './handles.decorator.js';
import { DewNatsTransport } from './nats-transport.js';
import { DewRpcExceptionFilter } from './rpc-exception.filter.js';

const LIMIT = 2;

/** Requests held until the test lets them go: what a service slowed by its store or its HSM looks like. */
const held: Array<() => void> = [];
let started = 0;

@Controller()
class SlowSecretsController {
  @Handles(csmsOperations.listSecrets)
  async list(@Payload() _req: object) {
    started++;
    await new Promise<void>((release) => held.push(release));
    return { secrets: [] };
  }

  @MessagePattern(subjects.health('csms'))
  health() {
    return { service: 'csms', status: 'ok' };
  }
}

@Module({ controllers: [SlowSecretsController] })
class SlowModule {}

let nats: TestNats;
let service: INestMicroservice;
let gateway: NatsConnection;
const ctx = (requestId: string): RequestContext => ({ ...systemContext(requestId, 'p1'), traceType: 'ApiCall' });
const list = (requestId: string) => new Bus(gateway as never).call(csmsOperations.listSecrets, {}, ctx(requestId));

beforeAll(async () => {
  nats = await startTestNats();
  const nc = await nats.connect({ actsAs: 'csms' });
  const log = { error: () => undefined, warn: () => undefined };
  const transport = new DewNatsTransport('csms', LIMIT);
  service = await NestFactory.createMicroservice(SlowModule, { strategy: transport, logger: false });
  transport.useConnection(nc, log);
  service.useGlobalFilters(new DewRpcExceptionFilter('csms', log));
  await service.listen();
  await nc.flush();
  gateway = await nats.connect({ actsAs: 'gateway' });
});
afterAll(async () => {
  for (const release of held.splice(0)) release();
  await service?.close();
  await nats?.stop();
});

const untilStarted = async (n: number) => {
  for (let i = 0; i < 200 && started < n; i++) await new Promise((r) => setTimeout(r, 10));
  expect(started).toBe(n);
};

describe('service transport: bounded requests in progress (DEW_SERVICE_MAX_IN_FLIGHT)', () => {
  it('a request beyond the limit is answered at once with the family 503 and a retry offer, health still answers, and the held ones complete', async () => {
    const first = [list('held-1'), list('held-2')];
    await untilStarted(LIMIT);

    const refused = await list('over-limit').then(() => null, (err: unknown) => err);
    expect(refused).toBeInstanceOf(DewError);
    expect(refused).toMatchObject({ code: 'CSMS.0503', status: 503, retryAfterS: 1, message: expect.stringContaining(`${LIMIT} requests in progress`) });
    expect(refused).toMatchObject({ message: expect.stringContaining('over-limit') });
    // The refused one never reached the handler.
    expect(started).toBe(LIMIT);

    await expect(request(gateway, subjects.health('csms'), {}, systemContext('health'), { timeoutMs: 2000 })).resolves.toMatchObject({ status: 'ok' });

    for (const release of held.splice(0)) release();
    await expect(Promise.all(first)).resolves.toEqual([{ secrets: [] }, { secrets: [] }]);
  });

  it('once the held requests are done, a new request is served again', async () => {
    const next = list('after');
    await untilStarted(LIMIT + 1);
    for (const release of held.splice(0)) release();
    await expect(next).resolves.toEqual({ secrets: [] });
  });
});

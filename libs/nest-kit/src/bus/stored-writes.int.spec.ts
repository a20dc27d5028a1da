import 'reflect-metadata';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { csmsOperations, DewError, type SecretNameRequest } from '@dew/contracts';
import { JetStreamEventStore } from '@dew/event-store';
import { systemContext, type RequestContext } from '@dew/messaging';
import { startTestNats, type TestNats } from '@dew/testing';
import { serviceSettingsFromEnv } from '../config.js';
import { Freshness } from '../freshness.js';
import { ReadModels } from '../read-models.js';
import { StreamAggregates, type StreamAggregateDeps } from '../stream-aggregates.js';
import { Bus } from './bus-client.js';
import { Caller, Handles } from './handles.decorator.js';
import { DewNatsTransport } from './nats-transport.js';
import { DewRpcExceptionFilter } from './rpc-exception.filter.js';

/** A counter per subject on a stream of its own: `Counted` when the command adds, nothing when it adds 0. */
type Counted = { readonly type: 'Counted'; readonly by: number };
class Counters extends StreamAggregates<number, Counted> {
  constructor(deps: StreamAggregateDeps) {
    super(deps, { name: 'probe-counters', stream: 'PROBE_COUNTERS', definition: { initialState: () => 0, evolve: (n, e) => n + e.by } }, ['probe.counters.>']);
  }

  add(ctx: RequestContext, name: string, by: number) {
    return this.run(ctx, `probe.counters.${name}`, () => (by === 0 ? [] : [{ type: 'Counted', by }]));
  }

  total(name: string): number {
    return this.store.get(`probe.counters.${name}`).state;
  }
}

let counters: Counters;

/**
 * delete-secret's shape (docs/architecture.md, "Keyrings and crypto-shredding"): a command stored,
 * then a second write that no stream answers — the fault of the moment after the first step.
 * The secret name says how much the first step adds (0: a command that stores nothing).
 */
function twoStepController(nc: NatsConnection) {
  @Controller()
  class TwoStepController {
    @Handles(csmsOperations.deleteSecret)
    async delete(@Payload() r: SecretNameRequest, @Caller() ctx: RequestContext) {
      await counters.add({ ...ctx, requestId: `${ctx.requestId}:step` }, r.secret_name, r.secret_name === 'none' ? 0 : 1);
      // A service asked for the next step was busy: its 503 offers a retry, as it would to a caller of its own.
      if (r.secret_name.startsWith('nested')) throw new DewError('CSMS.0503', 'service busy (request x): 512 requests in progress, its limit; nothing was done; retry the request', 503, 1);
      await jetstream(nc).publish('probe.no-stream-here', 'x', { timeout: 1000 });
      return {};
    }
  }
  return TwoStepController;
}

/** A step stored (or not), then "does not exist": how many times the handler ran. */
let lookups = 0;
@Controller()
class StoreThenNotFoundController {
  @Handles(csmsOperations.showSecret)
  async show(@Payload() r: SecretNameRequest, @Caller() ctx: RequestContext) {
    lookups++;
    await counters.add(ctx, `lookup-${r.secret_name}`, r.secret_name === 'none' ? 0 : 1);
    throw new DewError('CSMS.0005', `secret ${r.secret_name} does not exist`);
  }
}

let nats: TestNats;
let app: INestMicroservice;
const freshness = new Freshness();
let gateway: NatsConnection;
const log = { error: () => undefined, warn: () => undefined };
const ctx = (requestId: string): RequestContext => ({ ...systemContext(requestId, 'p1'), traceType: 'ApiCall' });

beforeAll(async () => {
  nats = await startTestNats();
  const nc = await nats.connect({ actsAs: 'csms' });
  const settings = serviceSettingsFromEnv('csms', {});
  counters = new Counters({ eventStore: new JetStreamEventStore(nc), nc, settings, models: new ReadModels(settings), freshness } as StreamAggregateDeps);
  await counters.onModuleInit();
  @Module({ controllers: [twoStepController(nc), StoreThenNotFoundController] })
  class ProbeModule {}
  const transport = new DewNatsTransport('csms');
  app = await NestFactory.createMicroservice(ProbeModule, { strategy: transport, logger: false });
  transport.useConnection(nc, log);
  // As if catching up always applied something new: a 404 is asked again whenever it may be.
  transport.useFreshness(async () => 'applied' as const);
  app.useGlobalFilters(new DewRpcExceptionFilter('csms', log));
  await app.listen();
  gateway = await nats.connect({ actsAs: 'gateway' });
});
afterAll(async () => {
  await app?.close();
  await counters?.onModuleDestroy();
  await nats?.stop();
});

const deleteSecret = (name: string, requestId: string) => new Bus(gateway as never).call(csmsOperations.deleteSecret, { secret_name: name }, ctx(requestId)).catch((e: unknown) => e);

describe('a fault of the moment after a stored step of the same request', () => {
  it('the first step stored its command (in a derived step context): 503 offering no retry, saying part of the request was carried out', async () => {
    const refused = await deleteSecret('stored', 'r-partly');
    expect(counters.total('stored')).toBe(1);
    expect(refused).toMatchObject({ code: 'CSMS.0503', status: 503 });
    expect((refused as DewError).retryAfterS).toBeUndefined();
    expect((refused as Error).message).toContain('after part of the request was carried out');
    expect((refused as Error).message).toContain('request r-partly');
  });

  it('the first step stored nothing (its command decided no events): nothing was done, so the 503 offers a retry', async () => {
    const refused = await deleteSecret('none', 'r-nothing');
    expect(counters.total('none')).toBe(0);
    expect(refused).toMatchObject({ code: 'CSMS.0503', status: 503 });
    expect((refused as DewError).retryAfterS).toBe(1);
    expect((refused as Error).message).toContain('nothing was done; retry the request');
  });

  it('a later step refused by a busy service with a retry offer, after a stored step: the offer is withdrawn, the 503 says part was carried out', async () => {
    const refused = await deleteSecret('nested-after-stored', 'r-nested');
    expect(counters.total('nested-after-stored')).toBe(1);
    expect(refused).toMatchObject({ code: 'CSMS.0503', status: 503 });
    expect((refused as DewError).retryAfterS).toBeUndefined();
    expect((refused as Error).message).toContain('after part of the request was carried out');
  });

  it('each request keeps its own tally: a request after a partly-done one is judged on its own writes', async () => {
    await deleteSecret('stored', 'r-first');
    const refused = await deleteSecret('none', 'r-second');
    expect((refused as Error).message).toContain('nothing was done');
  });
});

describe('a 404 after a stored step of the same request', () => {
  const show = async (name: string) => {
    lookups = 0;
    const refused = await new Bus(gateway as never).call(csmsOperations.showSecret, { secret_name: name }, ctx(`r-show-${name}`)).catch((e: unknown) => e);
    return { refused, runs: lookups };
  };

  it('is answered as it is, the handler not run again (its stored step would be decided twice)', async () => {
    const { refused, runs } = await show('stored');
    expect(refused).toMatchObject({ code: 'CSMS.0005', status: 404 });
    expect(runs).toBe(1);
    expect(counters.total('lookup-stored')).toBe(1);
  });

  it('a request that stored nothing is asked once more after catching up, as any 404', async () => {
    const { refused, runs } = await show('none');
    expect(refused).toMatchObject({ code: 'CSMS.0005', status: 404 });
    expect(runs).toBe(2);
  });
});

describe('the streams\' position a 404 is compared against (freshness.ts)', () => {
  it('a message the store applies raises Freshness.position()', async () => {
    const before = freshness.position();
    await counters.add(ctx('position-1'), 'position', 1);
    // Applied when the subscription delivers it (a write applied from its ack does not move the position).
    for (let i = 0; i < 100 && freshness.position() <= before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(freshness.position()).toBeGreaterThan(before);
  });
});

import 'reflect-metadata';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NatsRecord, Payload } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { csmsOperations, ctsOperations, DewError, kmsOperations, kpsOperations, type EncryptDataRequest, type ErrorFamily, type KeyOpRequest } from '@dew/contracts';
import { contextHeaders, HttpReply, requestWithMeta, systemContext, type RequestContext } from '@dew/messaging';
import { startTestNats, type TestNats } from '@dew/testing';
import { Bus, DewBusClient } from './bus-client.js';
import { Caller, Handles } from './handles.decorator.js';
import { DewNatsTransport } from './nats-transport.js';
import { DewRpcExceptionFilter } from './rpc-exception.filter.js';
import type { CatchUpOutcome } from '../freshness.js';

/** Which replica served which request (`<replica>:<request id>`). */
const served: string[] = [];

function encryptController(replica: string) {
  @Controller()
  class EncryptController {
    @Handles(kmsOperations.encryptData)
    encrypt(@Payload() req: EncryptDataRequest, @Caller() ctx: RequestContext) {
      served.push(`${replica}:${ctx.requestId}`);
      return new HttpReply({ key_id: req.key_id, length: req.plain_text.length, project: ctx.projectId }, 201, { 'X-Probe': 'yes' });
    }
  }
  return EncryptController;
}

@Controller()
class TracesController {
  @Handles(ctsOperations.listTraces)
  list(@Payload() _req: object) {
    return { traces: [] };
  }
}

@Controller()
class FaultyController {
  @Handles(csmsOperations.showSecret)
  show(@Payload() _req: object): never {
    throw new Error('disk on fire at /secret/path');
  }
}

/** A handler whose JetStream write finds no stream answering (what a write sees while a stream has no leader). */
function streamlessController(nc: NatsConnection) {
  @Controller()
  class StreamlessController {
    @Handles(kpsOperations.listKeypairs)
    async list(@Payload() _req: object) {
      await jetstream(nc).publish('probe.no-stream-here', 'x', { timeout: 1000 });
      return {};
    }
  }
  return StreamlessController;
}

/** Keys in "the stream" and keys this process has applied; catching up applies the stream. */
const stored = new Set<string>();
const applied = new Set<string>();
let catchUps = 0;
let described = 0;
/** While true, the streams cannot be read (a node down): catching up ends "unknown". */
let streamsUnreachable = false;
/** Keys whose handler run is overtaken: another caller's catch-up applies the key right after the handler looked. */
const overtaken = new Set<string>();
const position = (): number => applied.size;
const freshen = async (since?: number): Promise<CatchUpOutcome> => {
  catchUps++;
  if (streamsUnreachable) return 'unknown';
  const behind = [...stored].filter((id) => !applied.has(id));
  for (const id of behind) applied.add(id);
  return behind.length > 0 || (since !== undefined && position() > since) ? 'applied' : 'current';
};

@Controller()
class DescribeController {
  @Handles(kmsOperations.describeKey)
  describe(@Payload() req: KeyOpRequest) {
    described++;
    if (!applied.has(req.key_id)) {
      if (overtaken.delete(req.key_id)) applied.add(req.key_id);
      throw new DewError('KMS.0207', `key ${req.key_id} does not exist`);
    }
    return { key_info: { key_id: req.key_id } };
  }
}

@Controller()
class HugeAnswerController {
  @Handles(kmsOperations.userInstances)
  instances(@Payload() _req: object) {
    return { instance_num: 1, padding: 'x'.repeat(2 * 1024 * 1024) };
  }
}

const logged: object[] = [];
const warned: object[] = [];
const log = { error: (obj: object) => void logged.push(obj), warn: (obj: object) => void warned.push(obj) };

async function startReplica(replica: string, nc: NatsConnection, family: ErrorFamily): Promise<INestMicroservice> {
  @Module({ controllers: [encryptController(replica), TracesController, FaultyController, HugeAnswerController, streamlessController(nc), DescribeController] })
  class ProbeModule {}
  const transport = new DewNatsTransport(family);
  const app = await NestFactory.createMicroservice(ProbeModule, { strategy: transport, logger: false });
  transport.useConnection(nc, log);
  transport.useFreshness(freshen, position);
  app.useGlobalFilters(new DewRpcExceptionFilter(family, log));
  await app.listen();
  await nc.flush();
  return app;
}

let nats: TestNats;
let replicas: INestMicroservice[];
let gateway: NatsConnection;
const ctx = (requestId: string): RequestContext => ({ ...systemContext(requestId, 'p1'), traceType: 'ApiCall' });
const KEY = '0d0466b0-e727-4d9c-b35d-f84bb474a37f';

beforeAll(async () => {
  nats = await startTestNats();
  replicas = [await startReplica('a', await nats.connect({ actsAs: 'kms' }), 'kms'), await startReplica('b', await nats.connect({ actsAs: 'kms' }), 'kms')];
  gateway = await nats.connect({ actsAs: 'gateway' });
});
afterAll(async () => {
  for (const app of replicas ?? []) await app.close();
  await nats?.stop();
});

const bus = () => new Bus(gateway as never);

describe('DEW NATS transport (Nest microservices)', () => {
  it('a handler of a row with a DTO that takes no @Payload() fails as its class is defined (its DTO would never be checked)', () => {
    expect(() => {
      @Controller()
      class Careless {
        @Handles(ctsOperations.listTraces)
        list() {
          return {};
        }
      }
      return Careless;
    }).toThrow(/without @Payload\(\): its ListTracesRequest would never be checked/);
  });

  it('a row answered through @Handles: the DTO arrives validated, the context from the headers, status and headers travel back', async () => {
    const result = await bus().callWithMeta(kmsOperations.encryptData, { key_id: KEY, plain_text: 'hello' }, ctx('r-ok'));
    expect(result).toEqual({ body: { key_id: KEY, length: 5, project: 'p1' }, status: 201, headers: { 'X-Probe': 'yes' } });
  });

  it('a body the row\'s DTO refuses: the row\'s family code naming the field, the handler never runs', async () => {
    const before = served.length;
    await expect(bus().call(kmsOperations.encryptData, { key_id: KEY }, ctx('r-missing'))).rejects.toMatchObject({ code: 'KMS.0204', message: expect.stringContaining('plain_text') });
    await expect(bus().call(ctsOperations.listTraces, { trace_rating: 'bogus' }, ctx('r-cts'))).rejects.toMatchObject({ code: 'CTS.0003', status: 400, message: expect.stringContaining('trace_rating') });
    expect(served.length).toBe(before);
  });

  it('a body that is not JSON: refused in the row\'s family (CTS.0003 on a CTS row), not a fault', async () => {
    const raw = await gateway.request(ctsOperations.listTraces.pattern ?? '', new TextEncoder().encode('{"limit":'), { timeout: 2000 });
    expect(JSON.parse(new TextDecoder().decode(raw.data))).toMatchObject({ error: { code: 'CTS.0003', status: 400 } });
  });

  it('an unexpected fault: the family\'s own internal code with the request id, no detail; the detail is logged', async () => {
    const refused = await bus().call(csmsOperations.showSecret, { secret_name: 's' }, ctx('r-fault')).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CSMS.0500', status: 500 });
    expect((refused as Error).message).toBe('internal error (request r-fault)');
    expect((refused as Error).message).not.toContain('disk on fire');
    expect(JSON.stringify(logged.map((l) => String((l as { err?: Error }).err?.message)))).toContain('disk on fire');
  });

  it('a JetStream write that no stream answers (a fault of the moment): the family\'s 503 naming the request, logged as a warning, not as a fault', async () => {
    const faultsBefore = logged.length;
    const refused = await bus().call(kpsOperations.listKeypairs, {}, ctx('r-leaderless')).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'KPS.0503', status: 503 });
    expect((refused as Error).message).toContain('request r-leaderless');
    expect(warned.map((w) => (w as { requestId?: string }).requestId)).toContain('r-leaderless');
    expect(logged.length).toBe(faultsBefore);
  });

  it('a 404 that a stale state gave (the key stored, not yet applied here): asked again after one catch-up, answered 200', async () => {
    const keyId = '0d0a6d0e-1f7a-4c3e-9d55-000000000001';
    stored.add(keyId);
    const before = { catchUps, described };
    const found = await bus().call(kmsOperations.describeKey, { key_id: keyId }, ctx('r-fresh'));
    expect(found).toEqual({ key_info: { key_id: keyId } });
    expect({ catchUps, described }).toEqual({ catchUps: before.catchUps + 1, described: before.described + 2 });
  });

  it('a 404 from a state another caller\'s catch-up brought up to date right after the handler looked (this catch-up applies nothing): asked again, answered 200', async () => {
    const keyId = '0d0a6d0e-1f7a-4c3e-9d55-0000000000aa';
    stored.add(keyId);
    overtaken.add(keyId);
    const before = described;
    const answer = await bus().call(kmsOperations.describeKey, { key_id: keyId }, ctx('r-overtaken'));
    expect(answer).toEqual({ key_info: { key_id: keyId } });
    expect(described - before).toBe(2);
  });

  it('a 404 for a key stored nowhere: still 404 in the family after one catch-up that applied nothing, the handler not asked again; a key applied already needs none', async () => {
    const before = { catchUps, described };
    const refused = await bus().call(kmsOperations.describeKey, { key_id: '0d0a6d0e-1f7a-4c3e-9d55-000000000002' }, ctx('r-missing')).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'KMS.0207', status: 404 });
    // The catch-up applied nothing new: the handler is not asked again (a refusal's side effects, if any, happen once).
    expect({ catchUps, described }).toEqual({ catchUps: before.catchUps + 1, described: before.described + 1 });
    const applied1 = catchUps;
    await bus().call(kmsOperations.describeKey, { key_id: '0d0a6d0e-1f7a-4c3e-9d55-000000000001' }, ctx('r-applied'));
    expect(catchUps).toBe(applied1);
  });

  it('a 404 while the streams cannot be read to their end: 503 in the family offering a retry (nothing was done), not a 404 that may be wrong; the handler not asked again', async () => {
    streamsUnreachable = true;
    try {
      const before = { catchUps, described };
      const refused = await bus().call(kmsOperations.describeKey, { key_id: '0d0a6d0e-1f7a-4c3e-9d55-000000000003' }, ctx('r-unconfirmed')).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'KMS.0101', status: 503, retryAfterS: 1 });
      expect((refused as Error).message).toContain('could not read the event store to its end to confirm the resource does not exist');
      expect({ catchUps, described }).toEqual({ catchUps: before.catchUps + 1, described: before.described + 1 });
    } finally {
      streamsUnreachable = false;
    }
  });

  it('a request from an inbox of a caller the row does not name (csms asking kms.encrypt-data): ignored, the caller times out', async () => {
    const csms = await nats.connect({ actsAs: 'csms' });
    const before = served.length;
    await expect(requestWithMeta(csms, kmsOperations.encryptData.pattern ?? '', { key_id: KEY, plain_text: 'x' }, ctx('r-foreign'), { timeoutMs: 500 })).rejects.toMatchObject({ status: 503 });
    expect(served.length).toBe(before);
  });

  it('two replicas in the queue group share the requests, each answered once', async () => {
    const start = served.length;
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => bus().call(kmsOperations.encryptData, { key_id: KEY, plain_text: 'x'.repeat(i + 1) }, ctx(`r-q${i}`))));
    expect(answers.map((a) => (a as unknown as { length: number }).length)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const mine = served.slice(start);
    expect(new Set(mine.map((s) => s.split(':')[1])).size).toBe(60);
    const byReplica = { a: mine.filter((s) => s.startsWith('a:')).length, b: mine.filter((s) => s.startsWith('b:')).length };
    expect(byReplica.a + byReplica.b).toBe(60);
    expect(byReplica.a).toBeGreaterThan(0);
    expect(byReplica.b).toBeGreaterThan(0);
  });

  it('an answer larger than the bus carries: the caller gets the family\'s internal error at once, not a timeout', async () => {
    const started = Date.now();
    const refused = await bus().call(kmsOperations.userInstances, {}, ctx('r-huge')).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'KMS.0101', status: 500, message: 'internal error (request r-huge): the answer could not be sent' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('answers sent together: one too large for the bus among 80 concurrent ones gets the internal error, the other 80 their own answers', async () => {
    const calls = Array.from({ length: 81 }, (_, i) =>
      i === 40
        ? bus().call(kmsOperations.userInstances, {}, ctx('r-huge-among')).catch((e: unknown) => e)
        : bus().call(kmsOperations.encryptData, { key_id: KEY, plain_text: 'y'.repeat(i + 1) }, ctx(`r-among${i}`)).then((a) => (a as unknown as { length: number }).length),
    );
    const outcomes = await Promise.all(calls);
    expect(outcomes[40]).toMatchObject({ code: 'KMS.0101', status: 500, message: 'internal error (request r-huge-among): the answer could not be sent' });
    expect(outcomes.filter((_, i) => i !== 40)).toEqual(Array.from({ length: 81 }, (_, i) => i + 1).filter((_, i) => i !== 40));
  });

  it('a body that is JSON but not an object, on a row without a DTO: refused in the row\'s family before the handler', async () => {
    for (const body of ['[1,2]', 'null', '"s"', '7']) {
      const raw = await gateway.request(kmsOperations.userInstances.pattern ?? '', new TextEncoder().encode(body), { timeout: 2000 });
      expect([body, JSON.parse(new TextDecoder().decode(raw.data))]).toEqual([body, { error: { code: 'KMS.0308', status: 400, message: 'request body must be a JSON object' } }]);
    }
  });

  it('two handlers on one subject: the service refuses to start', async () => {
    @Controller()
    class Second {
      @Handles(ctsOperations.listTraces)
      again(@Payload() _req: object) {
        return {};
      }
    }
    @Module({ controllers: [TracesController, Second] })
    class Twice {}
    const transport = new DewNatsTransport('cts');
    const app = await NestFactory.createMicroservice(Twice, { strategy: transport, logger: false });
    transport.useConnection(await nats.connect({ actsAs: 'audit' }), log);
    await expect(app.listen()).rejects.toThrow(/two handlers answer cts.list-traces/);
  });

  it('the client is a Nest ClientProxy: send() answers the same as the promise path, refusals as errors', async () => {
    const client = new DewBusClient(gateway);
    const answer = await firstValueFrom(client.send(kmsOperations.encryptData.pattern ?? '', new NatsRecord({ key_id: KEY, plain_text: 'abc' }, contextHeaders(ctx('r-send')))));
    expect(answer).toEqual({ body: { key_id: KEY, length: 3, project: 'p1' }, status: 201, headers: { 'X-Probe': 'yes' } });
    await expect(firstValueFrom(client.send(kmsOperations.encryptData.pattern ?? '', new NatsRecord({ key_id: KEY }, contextHeaders(ctx('r-send2')))))).rejects.toMatchObject({ code: 'KMS.0204' });
  });

  it('no service on a row: 503 at once (no responders), in the caller\'s hands as a DewError', async () => {
    await expect(bus().call(kmsOperations.sign, { key_id: KEY }, ctx('r-none'))).rejects.toMatchObject({ status: 503 });
  });
});


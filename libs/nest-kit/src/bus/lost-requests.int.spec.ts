import 'reflect-metadata';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { createInbox, type NatsConnection } from '@nats-io/transport-node';
import { DewError, kmsOperations, type CreateKeyRequest, type EncryptDataRequest } from '@dew/contracts';
import { MAX_PROBED, requestWithMeta, subjects, systemContext, type RpcResult } from '@dew/messaging';
import { startTestNats, type TestNats } from '@dew/testing';
import { Handles } from './handles.decorator.js';
import { DewNatsTransport } from './nats-transport.js';
import { DewRpcExceptionFilter } from './rpc-exception.filter.js';

/** The aliases the live replica was asked to create. */
const createdByLive: string[] = [];

/** How long the live replica works on a request whose plain text is `slow`: past the probe rounds. */
const SLOW_MS = 8_000;
/** A write held by a replica asked to stop: past the probe rounds, within the shutdown grace. */
const STOPPING_HANDLER_MS = 7_000;

@Controller()
class EncryptController {
  @Handles(kmsOperations.encryptData)
  async encrypt(@Payload() req: EncryptDataRequest) {
    if (req.plain_text === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    return { key_id: req.key_id, cipher_text: `sealed:${req.plain_text}` };
  }

  @Handles(kmsOperations.createKey)
  async create(@Payload() req: CreateKeyRequest) {
    if (req.key_alias === 'held-while-stopping') await new Promise((resolve) => setTimeout(resolve, STOPPING_HANDLER_MS));
    createdByLive.push(req.key_alias ?? '');
    return { key_info: { key_alias: req.key_alias } };
  }
}

@Module({ controllers: [EncryptController] })
class LiveReplicaModule {}

const log = { error: () => undefined, warn: () => undefined };

async function startLiveReplica(nc: NatsConnection): Promise<INestMicroservice> {
  const transport = new DewNatsTransport('kms');
  const app = await NestFactory.createMicroservice(LiveReplicaModule, { strategy: transport, logger: false });
  transport.useConnection(nc, log);
  app.useGlobalFilters(new DewRpcExceptionFilter('kms', log));
  await app.listen();
  await nc.flush();
  return app;
}

/**
 * A replica that takes the next request on `subject` and dies holding it (its connection closed
 * without an answer), as a process killed with SIGKILL mid-request does.
 */
async function replicaThatDiesHoldingTheNextRequest(nats: TestNats, subject = kmsOperations.encryptData.pattern!): Promise<{ took: Promise<void> }> {
  const nc = await nats.connect({ actsAs: 'kms' });
  let took!: () => void;
  const taken = new Promise<void>((resolve) => (took = resolve));
  nc.subscribe(subject, { queue: 'dew', max: 1, callback: () => took() });
  await nc.flush();
  return { took: taken.then(() => nc.close()) };
}

const KEY = '0d0466b0-e727-4d9c-b35d-f84bb474a37f';
const encrypt = (plain: string, timeoutMs: number): Promise<RpcResult<{ cipher_text: string }>> =>
  requestWithMeta(gateway, kmsOperations.encryptData.pattern!, { key_id: KEY, plain_text: plain }, systemContext(`req-${plain}`, 'p1'), { timeoutMs });
const createKey = (alias: string): Promise<RpcResult<{ key_info: { key_alias: string } }>> =>
  requestWithMeta(gateway, kmsOperations.createKey.pattern!, { key_alias: alias, key_spec: 'AES_256' }, systemContext(`req-${alias}`, 'p1'), { timeoutMs: 30_000 });

/** The refusal a request ended with, and after how many ms. */
async function outcome<T>(call: Promise<T>): Promise<{ answer?: T; refusal?: DewError; ms: number }> {
  const t0 = performance.now();
  try {
    const answer = await call;
    return { answer, ms: performance.now() - t0 };
  } catch (err) {
    if (!(err instanceof DewError)) throw err;
    return { refusal: err, ms: performance.now() - t0 };
  }
}

let nats: TestNats;
let gateway: NatsConnection;
let live: INestMicroservice | undefined;

beforeAll(async () => {
  nats = await startTestNats();
  gateway = await nats.connect({ actsAs: 'gateway' });
});
afterAll(async () => {
  await live?.close();
  await nats?.stop();
});

describe('a request whose replica died under it (docs/architecture.md, "A replica killed mid-request")', () => {
  it('no other replica answers the probe: nothing is concluded, the request ends at its own timeout', async () => {
    const dead = await replicaThatDiesHoldingTheNextRequest(nats);
    const call = outcome(encrypt('alone', 6_000));
    await dead.took;
    const { refusal, ms } = await call;
    expect(refusal?.code).toBe('KMS.0101');
    expect(refusal?.message).toMatch(/did not answer in time/);
    expect(ms).toBeGreaterThanOrEqual(6_000);
  });

  it('a write another replica says it does not hold: the caller gets the 503 "may have been carried out" long before its 30 s timeout, and it is not sent again', async () => {
    const dead = await replicaThatDiesHoldingTheNextRequest(nats, kmsOperations.createKey.pattern!);
    const call = outcome(createKey('lost-key'));
    await dead.took;
    live = await startLiveReplica(await nats.connect({ actsAs: 'kms' }));
    const { refusal, ms } = await call;
    expect(refusal?.status).toBe(503);
    expect(refusal?.code).toBe('KMS.0101');
    expect(refusal?.message).toMatch(/no replica of the service behind kms\.create-key is working on the request any more.*the request may have been carried out/);
    // Three probe rounds after the request is 2 s old, each collecting answers for 1 s (lost-requests.ts).
    expect(ms).toBeLessThan(12_000);
    expect(createdByLive).not.toContain('lost-key');
  });

  it('a read lost with its replica is sent once more and answered by a live one', async () => {
    // The live replica stops first, so the one that dies surely takes the request; another starts after.
    await live?.close();
    const dead = await replicaThatDiesHoldingTheNextRequest(nats);
    const call = outcome(encrypt('read-again', 30_000));
    await dead.took;
    live = await startLiveReplica(await nats.connect({ actsAs: 'kms' }));
    const { answer, refusal, ms } = await call;
    expect(refusal).toBeUndefined();
    expect(answer?.body.cipher_text).toBe('sealed:read-again');
    expect(ms).toBeLessThan(12_000);
  });

  it('a slow request the live replica holds through several probes is answered, never declared lost', async () => {
    const { answer, refusal, ms } = await outcome(encrypt('slow', 30_000));
    expect(refusal).toBeUndefined();
    expect(answer?.body.cipher_text).toBe('sealed:slow');
    expect(ms).toBeGreaterThanOrEqual(SLOW_MS);
  });

  it('a replica answers a probe listing what it holds, and no probe listing more than MAX_PROBED requests', async () => {
    const ask = (replies: string[]) => gateway.request(subjects.inflight('kms'), JSON.stringify({ replies }), { timeout: 1_000 });
    const answer = JSON.parse(new TextDecoder().decode((await ask(['_INBOX.gateway.none.1'])).data));
    expect(answer).toEqual({ ok: { held: [] } });
    await expect(ask(Array.from({ length: MAX_PROBED + 1 }, (_, i) => `_INBOX.gateway.none.${i}`))).rejects.toThrow(/timeout/i);
  });

  it('a replica reports only the asker\'s own requests: one held for another inbox is never claimed to a stranger', async () => {
    const other = await nats.connect({ actsAs: 'gateway' });
    const inbox = `${createInbox('_INBOX.gateway')}.`;
    other.subscribe(`${inbox}*`, { callback: () => undefined });
    await other.flush();
    // A request of the other connection, held by the live replica for SLOW_MS.
    other.publish(kmsOperations.encryptData.pattern!, JSON.stringify({ key_id: KEY, plain_text: 'slow' }), { reply: `${inbox}held` });
    await other.flush();
    await new Promise((r) => setTimeout(r, 200));
    const held = async (nc: NatsConnection, probeReply: string) => {
      const answer = new Promise<unknown>((resolve) => nc.subscribe(probeReply, { max: 1, callback: (_e, m) => resolve(JSON.parse(new TextDecoder().decode(m.data))) }));
      nc.publish(subjects.inflight('kms'), JSON.stringify({ replies: [`${inbox}held`] }), { reply: probeReply });
      return answer;
    };
    expect(await held(gateway, `${createInbox('_INBOX.gateway')}.probe`)).toEqual({ ok: { held: [] } });
    expect(await held(other, `${inbox}probe`)).toEqual({ ok: { held: [`${inbox}held`] } });
  });

  it('a replica asked to stop takes no new request, answers the one it holds and keeps claiming it meanwhile, so the caller is never told it was lost', async () => {
    await live?.close();
    const stopping = await startLiveReplica(await nats.connect({ actsAs: 'kms' }));
    // A write: lost, it would be answered 503 "may have been carried out", never sent again.
    const held = outcome(createKey('held-while-stopping'));
    await new Promise((r) => setTimeout(r, 300));
    // Another replica answers the probes too (it holds nothing): without the stopping one's claims the request would be concluded lost.
    live = await startLiveReplica(await nats.connect({ actsAs: 'kms' }));
    const closed = stopping.close();
    await new Promise((r) => setTimeout(r, 100));
    const afterStop = await Promise.all(Array.from({ length: 10 }, (_, i) => encrypt(`after-stop-${i}`, 5_000)));
    const { answer, refusal, ms } = await held;
    await closed;
    expect(refusal).toBeUndefined();
    expect(answer?.body.key_info.key_alias).toBe('held-while-stopping');
    expect(ms).toBeGreaterThanOrEqual(STOPPING_HANDLER_MS);
    expect(createdByLive.filter((alias) => alias === 'held-while-stopping')).toHaveLength(1);
    // New requests went to the other replica at once, not to the one stopping (it would hold them for seconds).
    expect(afterStop.map((a) => a.body.cipher_text)).toEqual(Array.from({ length: 10 }, (_, i) => `sealed:after-stop-${i}`));
  });

  it('requests answered at once are never probed and the live replica keeps answering', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => encrypt(`quick-${i}`, 5_000)));
    expect(answers.map((a) => a.body.cipher_text)).toEqual(Array.from({ length: 20 }, (_, i) => `sealed:quick-${i}`));
  });
});

import { headers as natsHeaders } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstreamManager } from '@nats-io/jetstream';
import { DewError } from '@dew/contracts';
import { startTestNats, type TestNats } from '@dew/testing';
import { readContext, systemContext } from './context.js';
import { request } from './rpc.js';

let nats: TestNats;
beforeAll(async () => {
  nats = await startTestNats();
});
afterAll(async () => {
  await nats?.stop();
});

const ask = async (subject: string) => {
  const caller = await nats.connect({ actsAs: 'gateway' });
  return request<{ pong?: boolean }>(caller, subject, {}, systemContext('rpc-int'), { timeoutMs: 2000 });
};

describe('request: only an answer a service sent is believed', () => {
  it('a service answering with the envelope from its own connection: the answer comes back', async () => {
    const service = await nats.connect({ actsAs: 'kms' });
    service.subscribe('kms.ping', { callback: (_err, msg) => void msg.respond(JSON.stringify({ ok: { pong: true } })) });
    await service.flush();
    await expect(ask('kms.ping')).resolves.toEqual({ pong: true });
  });

  it('a stored answer JetStream delivers into the caller\'s inbox (a push consumer aimed at the reply subject): never taken as the answer', async () => {
    const forger = await nats.connect({ actsAs: 'kms' });
    const jsm = await jetstreamManager(forger);
    await jsm.streams.add({ name: 'FORGE', subjects: ['forge.>'] });
    await jsm.jetstream().publish('forge.answer', JSON.stringify({ ok: { pong: true } }));
    forger.subscribe('kms.forged-delivery', {
      callback: (_err, msg) => void jsm.consumers.add('FORGE', { deliver_subject: msg.reply ?? '', ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All }),
    });
    await forger.flush();
    // The delivery keeps its stored subject, so the request never matches it; it times out.
    await expect(ask('kms.forged-delivery')).rejects.toMatchObject({ code: 'KMS.0101' });
  });

  it('an answer that itself carries a reply subject (as JetStream deliveries carry their ack subject): refused as not from the service', async () => {
    const forger = await nats.connect({ actsAs: 'kms' });
    forger.subscribe('kms.forged-reply', { callback: (_err, msg) => forger.publish(msg.reply ?? '', JSON.stringify({ ok: { pong: true } }), { reply: 'forged.ack' }) });
    await forger.flush();
    const refused = await ask('kms.forged-reply').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DewError);
    expect((refused as Error).message).toContain('did not come from the service');
  });

  it('an answer carrying Nats-Stream headers (a stream republishing into the inbox): refused', async () => {
    const forger = await nats.connect({ actsAs: 'kms' });
    forger.subscribe('kms.forged-republish', {
      callback: (_err, msg) => {
        const h = natsHeaders();
        h.set('Nats-Stream', 'EVT_KMS');
        forger.publish(msg.reply ?? '', JSON.stringify({ ok: { pong: true } }), { headers: h });
      },
    });
    await forger.flush();
    await expect(ask('kms.forged-republish')).rejects.toMatchObject({ code: 'KMS.0101' });
  });

  it('a stream that captured the request subject answers with its publish ack: refused, never an empty success', async () => {
    const owner = await nats.connect({ actsAs: 'kms' });
    await (await jetstreamManager(owner)).streams.add({ name: 'CAPTURE', subjects: ['csms.create-secret-captured'] });
    await expect(ask('csms.create-secret-captured')).rejects.toMatchObject({ code: 'KMS.0101' });
  });
});

describe('request: the context travels to the service', () => {
  it('every field, a name with quotes, a newline and non-ASCII letters included, reads back unchanged on the service', async () => {
    const service = await nats.connect({ actsAs: 'kms' });
    service.subscribe('kms.context-echo', { callback: (_err, msg) => void msg.respond(JSON.stringify({ ok: readContext(msg.headers) })) });
    await service.flush();
    const ctx = { ...systemContext('r-ctx', 'p1', 'd1'), userId: 'u1', userName: 'älice "q"\nx', sourceIp: '10.0.0.1', traceType: 'ConsoleAction' as const, iamDecision: 'NoAllow' as const, secondKeyDecision: 'Allow' as const, accessKeyId: 'AK1', domainName: 'acme', rootUser: true, endpoint: 'dew.local:8443' };
    const caller = await nats.connect({ actsAs: 'gateway' });
    await expect(request(caller, 'kms.context-echo', {}, ctx, { timeoutMs: 2000 })).resolves.toEqual(ctx);
  });
});

describe('request: a message over the bus\'s max_payload', () => {
  let small: TestNats;
  beforeAll(async () => {
    small = await startTestNats({ maxPayload: 4096 });
  });
  afterAll(async () => {
    await small?.stop();
  });

  it('a body the server cannot carry is refused with 413 KMS.0203 naming the limit, never a fault', async () => {
    const caller = await small.connect({ actsAs: 'gateway' });
    const refused = await request(caller, 'kms.encrypt-data', { plain_text: 'x'.repeat(8192) }, systemContext('rpc-int'), { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DewError);
    expect(refused).toMatchObject({ code: 'KMS.0203', status: 413, message: expect.stringContaining('4096') });
  });
});

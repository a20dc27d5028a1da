import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { startTestNats, type TestNats } from '@dew/testing';
import { BusRequestFailed, RequestMux } from './request-mux.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

let nats: TestNats;
beforeAll(async () => {
  nats = await startTestNats();
});
afterAll(async () => {
  await nats?.stop();
});

const text = (msg: Msg) => decoder.decode(msg.data);

/** A service on `subject` that answers each request with what `answer` makes of its body. */
async function serve(subject: string, answer: (body: string, msg: Msg) => string | undefined): Promise<NatsConnection> {
  const service = await nats.connect({ actsAs: 'kms' });
  service.subscribe(subject, {
    callback: (_err, msg) => {
      const out = answer(decoder.decode(msg.data), msg);
      if (out !== undefined) msg.respond(out);
    },
  });
  await service.flush();
  return service;
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (err: unknown) => err as BusRequestFailed);

describe('RequestMux: answers reach their own caller', () => {
  it('500 concurrent requests answered out of order: each caller gets the answer to its own body, nothing stays pending', async () => {
    const held: Msg[] = [];
    await serve('mux.echo', (_body, msg) => {
      held.push(msg);
      // Answer in reverse order once all arrived, so tokens cannot be matched by arrival order.
      if (held.length === 500) for (const m of held.reverse()) m.respond(`echo:${decoder.decode(m.data)}`);
      return undefined;
    });
    const caller = await nats.connect({ actsAs: 'gateway' });
    const mux = RequestMux.of(caller);
    const answers = await Promise.all(Array.from({ length: 500 }, (_, i) => mux.request('mux.echo', encoder.encode(String(i)), undefined, 10_000).then(text)));
    expect(answers).toEqual(Array.from({ length: 500 }, (_, i) => `echo:${i}`));
    expect(mux.pending).toBe(0);
  });

  it('the mux subscribes below the connection\'s own private inbox prefix, once per connection', async () => {
    let replyTo = '';
    await serve('mux.inbox', (_body, msg) => {
      replyTo = msg.reply ?? '';
      return 'ok';
    });
    const caller = await nats.connect({ actsAs: 'gateway' });
    expect(RequestMux.of(caller)).toBe(RequestMux.of(caller));
    await RequestMux.of(caller).request('mux.inbox', new Uint8Array(0), undefined, 5000);
    expect(replyTo).toMatch(/^_INBOX\.gateway\.[A-Za-z0-9]+\.[A-Za-z0-9_-]{22}$/);
  });

  it('a reply on a token that is not pending (answered twice, or a guessed token) is dropped; the next request still gets its own answer', async () => {
    let count = 0;
    await serve('mux.twice', (body, msg) => {
      count++;
      msg.respond(`first:${body}`);
      msg.respond(`second:${body}`);
      // A reply on a token nobody asked with, and on the token a counter would have given next.
      service.publish(`${(msg.reply ?? '').replace(/\.[^.]+$/, '')}.zzzz`, 'guessed');
      service.publish(`${(msg.reply ?? '').replace(/\.[^.]+$/, '')}.${String(count)}`, 'next-counter');
      return undefined;
    });
    const service = await nats.connect({ actsAs: 'kms' });
    const caller = await nats.connect({ actsAs: 'gateway' });
    const mux = RequestMux.of(caller);
    expect(text(await mux.request('mux.twice', encoder.encode('a'), undefined, 5000))).toBe('first:a');
    expect(text(await mux.request('mux.twice', encoder.encode('b'), undefined, 5000))).toBe('first:b');
    expect(count).toBe(2);
    expect(mux.pending).toBe(0);
  });
});

describe('RequestMux: requests of one turn share a write', () => {
  it('300 requests made in one go reach the service in the order made, and each caller gets its own answer', async () => {
    const arrival: string[] = [];
    await serve('mux.order', (body) => {
      arrival.push(body);
      return `echo:${body}`;
    });
    const caller = await nats.connect({ actsAs: 'gateway' });
    const mux = RequestMux.of(caller);
    const bodies = Array.from({ length: 300 }, (_, i) => String(i));
    const answers = await Promise.all(bodies.map((body) => mux.request('mux.order', encoder.encode(body), undefined, 10_000).then(text)));
    expect(arrival).toEqual(bodies);
    expect(answers).toEqual(bodies.map((body) => `echo:${body}`));
  });

  it('one request over max_payload among concurrent ones: it alone fails as too-large, the others are answered', async () => {
    await serve('mux.mixed', (body) => `echo:${body}`);
    const caller = await nats.connect({ actsAs: 'gateway' });
    const mux = RequestMux.of(caller);
    const huge = new Uint8Array((caller.info?.max_payload ?? 1024 * 1024) + 1);
    const ask = (i: number) => (i === 20 ? mux.request('mux.mixed', huge, undefined, 10_000) : mux.request('mux.mixed', encoder.encode(String(i)), undefined, 10_000));
    const outcomes = await Promise.all(Array.from({ length: 41 }, (_, i) => ask(i).then(text, (err: unknown) => err)));
    expect(outcomes[20]).toMatchObject({ kind: 'too-large', subject: 'mux.mixed' });
    expect(outcomes.filter((_, i) => i !== 20)).toEqual(Array.from({ length: 41 }, (_, i) => `echo:${i}`).filter((_, i) => i !== 20));
    expect(mux.pending).toBe(0);
  });
});

describe('RequestMux: requests without an answer fail with their reason', () => {
  it('nobody serves the subject: no-responders at once, not a timeout', async () => {
    const caller = await nats.connect({ actsAs: 'gateway' });
    const failed = await failureOf(RequestMux.of(caller).request('mux.nobody', new Uint8Array(0), undefined, 20_000));
    expect(failed).toBeInstanceOf(BusRequestFailed);
    expect(failed).toMatchObject({ kind: 'no-responders', subject: 'mux.nobody' });
  });

  it('a service that never answers: timeout, and its token is no longer pending', async () => {
    await serve('mux.silent', () => undefined);
    const caller = await nats.connect({ actsAs: 'gateway' });
    const mux = RequestMux.of(caller);
    expect(await failureOf(mux.request('mux.silent', new Uint8Array(0), undefined, 300))).toMatchObject({ kind: 'timeout', subject: 'mux.silent' });
    expect(mux.pending).toBe(0);
  });

  it('a closed connection: pending requests fail as connection-lost, later ones too', async () => {
    await serve('mux.slow', () => undefined);
    const caller = await nats.connect({ actsAs: 'gateway' });
    const mux = RequestMux.of(caller);
    const pending = failureOf(mux.request('mux.slow', new Uint8Array(0), undefined, 20_000));
    await caller.flush();
    await caller.close();
    expect(await pending).toMatchObject({ kind: 'connection-lost' });
    expect(await failureOf(mux.request('mux.slow', new Uint8Array(0), undefined, 20_000))).toMatchObject({ kind: 'connection-lost' });
    expect(mux.pending).toBe(0);
  });

  it('a body over the server\'s max_payload: too-large, nothing pending', async () => {
    const caller = await nats.connect({ actsAs: 'gateway' });
    const mux = RequestMux.of(caller);
    const huge = new Uint8Array((caller.info?.max_payload ?? 1024 * 1024) + 1);
    expect(await failureOf(mux.request('mux.huge', huge, undefined, 5000))).toMatchObject({ kind: 'too-large' });
    expect(mux.pending).toBe(0);
  });
});

describe('RequestMux: across a server restart', () => {
  it('a request pending when the connection drops is still answered after the reconnect; later requests too', async () => {
    let held: Msg | undefined;
    let holding: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => { holding = resolve; });
    const service = await serve('mux.restart', (body, msg) => {
      if (body !== 'hold') return `after:${body}`;
      held = msg;
      holding();
      return undefined;
    });
    const caller = await nats.connect({ actsAs: 'gateway' });
    const mux = RequestMux.of(caller);
    expect(text(await mux.request('mux.restart', encoder.encode('before'), undefined, 5000))).toBe('after:before');
    const answer = mux.request('mux.restart', encoder.encode('hold'), undefined, 60_000);
    // The request must have reached the service before the server goes: one still in the old
    // server's buffers when it stops is lost, and nothing would answer it.
    await arrived;
    await nats.restart();
    await caller.flush();
    await service.flush();
    held!.respond('late answer');
    expect(text(await answer)).toBe('late answer');
    expect(text(await mux.request('mux.restart', encoder.encode('again'), undefined, 10_000))).toBe('after:again');
  });
});

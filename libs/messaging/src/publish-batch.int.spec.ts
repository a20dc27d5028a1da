import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { startTestNats, type TestNats } from '@dew/testing';
import { PUBLISH_BATCH_LIMIT, PublishBatch } from './publish-batch.js';

let nats: TestNats;
beforeAll(async () => {
  nats = await startTestNats();
});
afterAll(async () => {
  await nats?.stop();
});

/** Collects the bodies arriving on `subject` until `count` arrived. */
async function collect(subject: string, count: number): Promise<{ readonly done: Promise<string[]> }> {
  const reader = await nats.connect({ actsAs: 'kms' });
  const bodies: string[] = [];
  let arrived!: (bodies: string[]) => void;
  const done = new Promise<string[]>((resolve) => (arrived = resolve));
  reader.subscribe(subject, {
    callback: (_err, msg: Msg) => {
      bodies.push(decoder.decode(msg.data));
      if (bodies.length === count) arrived(bodies);
    },
  });
  await reader.flush();
  return { done };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const numbered = (n: number, from = 0) => Array.from({ length: n }, (_, i) => String(from + i));

describe('PublishBatch: one turn\'s publishes go out together', () => {
  let writer: NatsConnection;
  beforeAll(async () => {
    writer = await nats.connect({ actsAs: 'gateway' });
  });

  it('publishes of one turn wait in the queue until the turn ends, then all arrive, in the order made', async () => {
    const { done } = await collect('batch.order', 200);
    const batch = PublishBatch.of(writer);
    for (const body of numbered(200)) batch.publish('batch.order', encoder.encode(body));
    expect(batch.queued).toBe(200);
    await turn();
    expect(batch.queued).toBe(0);
    expect(await done).toEqual(numbered(200));
  });

  it('publishes made from many callbacks of one turn (timers due together) arrive complete and in order', async () => {
    const { done } = await collect('batch.callbacks', 300);
    const batch = PublishBatch.of(writer);
    const bodies = numbered(300);
    for (const body of bodies) setTimeout(() => batch.publish('batch.callbacks', encoder.encode(body)), 0);
    expect(await done).toEqual(bodies);
  });

  it(`a burst beyond ${PUBLISH_BATCH_LIMIT} publishes goes to nats.js as it grows: the queue never holds more, nothing is lost`, async () => {
    const count = PUBLISH_BATCH_LIMIT * 3 + 17;
    const { done } = await collect('batch.burst', count);
    const batch = PublishBatch.of(writer);
    let most = 0;
    for (const body of numbered(count)) {
      batch.publish('batch.burst', encoder.encode(body));
      most = Math.max(most, batch.queued);
    }
    expect(most).toBeLessThan(PUBLISH_BATCH_LIMIT);
    expect(await done).toEqual(numbered(count));
  });

  it('a publish the server cannot carry (over max_payload) is refused to its own callback; those before and after it arrive', async () => {
    const { done } = await collect('batch.refused', 20);
    const batch = PublishBatch.of(writer);
    const refused: unknown[] = [];
    const huge = new Uint8Array((writer.info?.max_payload ?? 1024 * 1024) + 1);
    for (const body of numbered(10)) batch.publish('batch.refused', encoder.encode(body), undefined, (err) => refused.push(err));
    batch.publish('batch.refused', huge, undefined, (err) => refused.push(err));
    for (const body of numbered(10, 10)) batch.publish('batch.refused', encoder.encode(body), undefined, (err) => refused.push(err));
    expect(await done).toEqual(numbered(20));
    expect(refused).toHaveLength(1);
    expect(String((refused[0] as Error).message)).toMatch(/max_payload/);
  });

  it('publishes on a closed connection are each refused to their own callback as closed, none silently dropped', async () => {
    const closed = await nats.connect({ actsAs: 'gateway' });
    await closed.close();
    const batch = PublishBatch.of(closed);
    const refused: string[] = [];
    for (const body of numbered(5)) batch.publish('batch.closed', encoder.encode(body), undefined, (err) => refused.push(`${body}:${String((err as Error).message)}`));
    await turn();
    expect(refused).toHaveLength(5);
    expect(refused.every((r) => /closed/i.test(r))).toBe(true);
  });
});

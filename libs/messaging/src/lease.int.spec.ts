import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { startTestNats, type TestNats } from '@dew/testing';
import { KvLease } from './lease.js';

let nats: TestNats;
let nc: NatsConnection;
const BUCKET = 'LEASE_TEST';
const TTL_MS = 60_000;

beforeAll(async () => {
  nats = await startTestNats();
  nc = await nats.connect({ name: 'lease' });
});
afterAll(async () => {
  await nats.stop();
});

/** The bucket's stream stops taking writes (its subjects moved away), then takes them again: a fault of the moment, on the real server. */
async function withWritesRefused(during: () => Promise<void>): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(`KV_${BUCKET}`);
  await jsm.streams.update(`KV_${BUCKET}`, { ...info.config, subjects: ['lease-test-elsewhere.>'] });
  try {
    await during();
  } finally {
    await jsm.streams.update(`KV_${BUCKET}`, { ...info.config });
  }
}

/** Two holders after the same lease key. */
const contenders = (key: string): [KvLease, KvLease] => [new KvLease(nc, BUCKET, key, 'holder-a', TTL_MS), new KvLease(nc, BUCKET, key, 'holder-b', TTL_MS)];

describe('KvLease', () => {
  it('one holder at a time: the first acquires and renews, the other is refused', async () => {
    const [a, b] = contenders('one');
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    expect(await a.tryAcquire()).toBe(true);
  });

  it('a renewal that fails while the key still holds this holder: not held this round, renewed the next, never lost to the other', async () => {
    const [a, b] = contenders('two');
    expect(await a.tryAcquire()).toBe(true);
    await withWritesRefused(async () => {
      expect(await a.tryAcquire()).toBe(false);
      expect(await b.tryAcquire()).toBe(false);
    });
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
  });

  it('released: the other acquires', async () => {
    const [a, b] = contenders('three');
    expect(await a.tryAcquire()).toBe(true);
    await a.release();
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(false);
  });
});

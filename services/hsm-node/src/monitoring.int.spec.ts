import type { HsmClient } from '@dew/hsm-client';
import { startTestNats, type TestNats } from '@dew/testing';
import { startInitialisedAppliance, type Appliance } from '../test/appliance.js';

let nats: TestNats;
let hsm: Appliance;

beforeAll(async () => {
  nats = await startTestNats();
  ({ hsm } = await startInitialisedAppliance(nats, 'mon1'));
}, 60_000);

afterAll(async () => {
  await hsm?.stop();
  await nats?.stop();
});

interface Health { role: string; cpuPercent: number; rssBytes: number; connections: number; requests: number; latencyP50Ms: number; latencyMaxMs: number }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('Health figures move with load: CPU, connections and requests rise under a burst over several connections, latency and memory are reported', async () => {
  const observer = (await hsm.clientFor('observer')).client;
  // The CPU figure is the process's share over its last one-second sample.
  await sleep(2200);
  const idle = await observer.health() as unknown as Health;

  const clients: HsmClient[] = await Promise.all([1, 2, 3, 4].map(async (i) => (await hsm.clientFor(`load-${i}`)).client));
  const key = await clients[0]!.generateKey('RSA_2048', 'load');
  const until = Date.now() + 2500;
  const burst = clients.map(async (c) => {
    for (let i = 0; Date.now() < until; i++) await c.sign(key.keyId, 'RSA_PSS_SHA256', Buffer.from(`load ${i}`));
  });
  await sleep(1600);
  const loaded = await observer.health() as unknown as Health;
  await Promise.all(burst);
  process.stdout.write(`health idle=${JSON.stringify(idle)} loaded=${JSON.stringify(loaded)}\n`);

  expect(loaded.role).toBe('active');
  expect(loaded.connections).toBeGreaterThanOrEqual(idle.connections + clients.length);
  expect(loaded.cpuPercent).toBeGreaterThan(idle.cpuPercent);
  expect(loaded.cpuPercent).toBeGreaterThan(10);
  expect(loaded.requests).toBeGreaterThan(idle.requests + 20);
  expect(loaded.latencyMaxMs).toBeGreaterThan(0);
  expect(loaded.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
  for (const c of [observer, ...clients]) c.close();
  await sleep(300);
  const afterClient = (await hsm.clientFor('after')).client;
  const after = await afterClient.health() as unknown as Health;
  afterClient.close();
  expect(after.connections).toBeLessThan(loaded.connections);
}, 30_000);

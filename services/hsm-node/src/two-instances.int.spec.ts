import { HsmClient } from '@dew/hsm-client';
import { startTestNats, type TestNats } from '@dew/testing';
import { startInitialisedAppliance, type Appliance } from '../test/appliance.js';

let nats: TestNats;
let one: Appliance;
let two: Appliance;
let client: HsmClient;

beforeAll(async () => {
  nats = await startTestNats();
  [{ hsm: one }, { hsm: two }] = await Promise.all([startInitialisedAppliance(nats, 'lb1'), startInitialisedAppliance(nats, 'lb2')]);
  const [c1, c2] = await Promise.all([one.clientFor('app-lb'), two.clientFor('app-lb')]);
  const endpoint = (a: Appliance, c: { cert: Buffer; key: Buffer }, ca: Buffer) => ({ name: a.instanceId, address: `${a.floating}:${a.port}`, ca, cert: c.cert, key: c.key });
  client = new HsmClient({
    instances: [endpoint(one, c1, await one.caPem()), endpoint(two, c2, await two.caPem())],
    cooldownMs: 5000,
    retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
  });
  c1.client.close();
  c2.client.close();
}, 60_000);

afterAll(async () => {
  client?.close();
  await one?.stop();
  await two?.stop();
  await nats?.stop();
});

const servedBy = async (n: number) => {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(String((await client.health()).instanceId));
  return ids;
};

test('calls are balanced round-robin over two instances, each answering with its own keys', async () => {
  expect(await servedBy(6)).toEqual(['lb1', 'lb2', 'lb1', 'lb2', 'lb1', 'lb2']);
  const k1 = await client.generateKey('AES_256', 'on-lb1', 'lb1');
  const sealed = await client.encrypt(k1.keyId, Buffer.from('pinned'), Buffer.alloc(0), 'lb1');
  expect(await client.decrypt(k1.keyId, sealed.iv, sealed.ciphertext, Buffer.alloc(0), 'lb1')).toEqual(Buffer.from('pinned'));
  expect((await client.listKeys('lb2')).map((k) => k.keyId)).not.toContain(k1.keyId);
});

test('with one instance down, every call is served by the other: the failed one cools down', async () => {
  await one.stop();
  const ids = await servedBy(6);
  expect(ids).toEqual(['lb2', 'lb2', 'lb2', 'lb2', 'lb2', 'lb2']);
  const digest = await client.digest('SHA256', Buffer.from('abc'));
  expect(digest.toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

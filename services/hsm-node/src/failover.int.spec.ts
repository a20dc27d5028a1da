import { startTestNats, type TestNats } from '@dew/testing';
import { firstActive, startAppliance, type Appliance } from '../test/appliance.js';

let nats: TestNats;
let hsm: Appliance;

beforeAll(async () => {
  nats = await startTestNats();
  hsm = await startAppliance(nats, 'failover1');
  await firstActive(hsm);
  const admin = await hsm.admin();
  await admin.initialize(hsm.ukey.publicPem);
  admin.close();
}, 60_000);

afterAll(async () => {
  await hsm?.stop();
  await nats?.stop();
});

test('kill -9 of the active node under load: the standby serves on the floating address and every acknowledged key exists and works', async () => {
  const { client } = await hsm.clientFor('app-1');
  const acknowledged: { keyId: string; keyType: string }[] = [];
  const sealed: { keyId: string; iv: Buffer; ciphertext: Buffer; plaintext: Buffer }[] = [];
  let running = true;
  let failures = 0;
  const load = (async () => {
    for (let i = 0; running; i++) {
      try {
        const key = await client.generateKey(i % 2 ? 'EC_P256' : 'AES_256', `k${i}`);
        acknowledged.push(key);
        if (key.keyType === 'AES_256') {
          const plaintext = Buffer.from(`message ${i}`);
          sealed.push({ keyId: key.keyId, plaintext, ...(await client.encrypt(key.keyId, plaintext)) });
        }
      } catch {
        failures++;
      }
    }
  })();

  const timings: number[] = [];
  for (let run = 0; run < 3; run++) {
    await new Promise((r) => setTimeout(r, 600));
    const victim = hsm.active();
    const survivor = hsm.nodes[victim.id === 'a' ? 'b' : 'a'];
    const before = acknowledged.length;
    const killedAt = Date.now();
    victim.child.kill('SIGKILL');
    const { at } = await survivor.waitFor('active', killedAt, 10_000);
    timings.push(at - killedAt);
    // The killed node comes back as the standby for the next run.
    const restarted = hsm.startNode(victim.id);
    await restarted.waitFor('domain-key-ready', 0, 20_000);
    // The load goes on through the survivor: wait (bounded) for a key acknowledged after the kill,
    // rather than assume one within a fixed window on a loaded machine.
    const progressDeadline = Date.now() + 20_000;
    while (acknowledged.length <= before && Date.now() < progressDeadline) await new Promise((r) => setTimeout(r, 100));
    expect(acknowledged.length).toBeGreaterThan(before);
  }
  running = false;
  await load;

  const keys = new Set((await client.listKeys()).map((k) => k.keyId));
  const missing = acknowledged.filter((k) => !keys.has(k.keyId));
  process.stdout.write(`missing ${missing.length} of ${acknowledged.length}: ${JSON.stringify(missing.map((k) => k.keyType))}\n`);
  expect(missing).toEqual([]);
  for (const s of sealed) expect(await client.decrypt(s.keyId, s.iv, s.ciphertext)).toEqual(s.plaintext);
  const ec = acknowledged.find((k) => k.keyType === 'EC_P256')!;
  const sig = await client.sign(ec.keyId, 'ECDSA_SHA256', Buffer.from('after failover'));
  expect(await client.verify(ec.keyId, 'ECDSA_SHA256', Buffer.from('after failover'), sig)).toBe(true);

  timings.sort((a, b) => a - b);
  const p50 = timings[Math.floor(timings.length / 2)]!;
  process.stdout.write(`failover ms: ${JSON.stringify(timings)} p50=${p50} max=${timings.at(-1)}; keys acknowledged=${acknowledged.length}, calls failed after retries=${failures}\n`);
  // The 3 s bound holds for the median: one slow run on a loaded CI machine is reported, not failed.
  expect(p50).toBeLessThan(3000);
  client.close();
}, 90_000);

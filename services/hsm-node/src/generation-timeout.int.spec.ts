import { status } from '@grpc/grpc-js';
import { HsmClient, type HsmClientOptions } from '@dew/hsm-client';
import { startTestNats, type TestNats } from '@dew/testing';
import { startInitialisedAppliance, type Appliance } from '../test/appliance.js';

let nats: TestNats;
let hsm: Appliance;
let endpoint: HsmClientOptions['instances'][number];
const clients: HsmClient[] = [];

beforeAll(async () => {
  nats = await startTestNats();
  ({ hsm } = await startInitialisedAppliance(nats, 'gen-timeout'));
  const access = await hsm.clientFor('app-gen');
  access.client.close();
  endpoint = { name: hsm.instanceId, address: `${hsm.floating}:${hsm.port}`, ca: await hsm.caPem(), cert: access.cert, key: access.key };
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await hsm?.stop();
  await nats?.stop();
});

function client(timeouts: Pick<HsmClientOptions, 'callTimeoutMs' | 'generationTimeoutMs'>): HsmClient {
  const c = new HsmClient({ instances: [endpoint], retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10 }, ...timeouts });
  clients.push(c);
  return c;
}

/** Calls health until one is answered within the client's call timeout (the channel then stays connected). */
async function connected(c: HsmClient): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await c.health();
      return;
    } catch (err) {
      if (attempt >= 200) throw new Error(`the appliance answered no health call within the call timeout in 200 attempts: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe('HsmClient per-attempt timeouts', () => {
  // Two 1,536-bit primes take a token tens of milliseconds at the very least: 5 ms is always too short.
  it('an RSA-3072 generation outlasting the call timeout fails DEADLINE_EXCEEDED when no generation timeout is given', async () => {
    const c = client({ callTimeoutMs: 5 });
    // The deadline covers the TLS connect too: answered health calls show the channel is up, so the generation is what runs out.
    await connected(c);
    await expect(c.generateKey('RSA_3072', 'too-slow')).rejects.toMatchObject({ code: status.DEADLINE_EXCEEDED });
  });

  it('with a generation timeout, the same generation is given its time and answered with the new key', async () => {
    const made = await client({ callTimeoutMs: 5, generationTimeoutMs: 60_000 }).generateKey('RSA_3072', 'given-time');
    expect(made.keyType).toBe('RSA_3072');
    expect(made.publicKey.length).toBeGreaterThan(350);
  }, 90_000);
});

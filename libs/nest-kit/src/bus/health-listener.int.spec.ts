import type { Server } from 'node:http';
import { startTestNats, type TestNats } from '@dew/testing';
import { listeningPort, natsReachable, startHealthListener } from './health-listener.js';

describe('health listener (the Kubernetes probes of a bus service)', () => {
  let nats: TestNats;
  const servers: Server[] = [];
  beforeAll(async () => {
    nats = await startTestNats();
  });
  afterAll(async () => {
    for (const s of servers) s.close();
    await nats.stop();
  });
  const listen = async (ready: () => Promise<boolean>) => {
    const server = await startHealthListener('127.0.0.1', 0, ready);
    servers.push(server);
    return (path: string, method = 'GET') => fetch(`http://127.0.0.1:${listeningPort(server)}${path}`, { method });
  };

  it('connection to a running NATS server: /ready and /health answer 200', async () => {
    const get = await listen(natsReachable(await nats.connect()));
    expect((await get('/ready')).status).toBe(200);
    expect(await (await get('/health')).json()).toEqual({ status: 'ok' });
  });

  it('connection closed: /ready answers 503 while /health (liveness) still answers 200', async () => {
    const nc = await nats.connect();
    const get = await listen(natsReachable(nc));
    await nc.close();
    expect((await get('/ready')).status).toBe(503);
    expect((await get('/health')).status).toBe(200);
  });

  it('ping never answered: /ready answers 503 once the timeout passes, not later', async () => {
    const get = await listen(natsReachable({ isClosed: () => false, flush: () => new Promise<void>(() => undefined) } as never, 100));
    const started = Date.now();
    expect((await get('/ready')).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('other paths and methods: 404 and 405, never a 5xx', async () => {
    const get = await listen(async () => true);
    expect((await get('/metrics')).status).toBe(404);
    expect((await get('/ready', 'POST')).status).toBe(405);
  });
});

// Review2 finding: the notifier delivers every project's due notifications one after another in a
// single pass, each attempt waiting up to DEW_CSMS_NOTIFY_TIMEOUT_MS. One tenant whose webhook
// hangs (or a public blackhole address) delays every other tenant's notifications linearly, and
// PeriodicSweep queues a further pass every 500 ms while a pass runs (no coalescing).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotifyPasses } from './notify-passes.js';
import { NotifySettings } from './notify-settings.js';
import { WebhookDelivery } from './webhook-delivery.js';
import { WebhookPolicy } from './webhook-policy.js';

const pendingTo = (project: string, i: number, url: string) => ({
  notificationId: `${project}-${i}`, ruleId: 'rid', ruleName: 'rule', attempts: 0, nextAttemptAt: 0,
  target: { type: 'WEBHOOK', url, name: 'x' },
  occurrence: { eventType: 'SECRET_VERSION_CREATED', secretId: 's', secretName: 's', secretType: 'COMMON', versionId: 'v1', at: 0 },
});
const setOf = (projectId: string, urls: string[]) => ({
  projectId,
  eventRules: new Map([['rule', { id: 'rid' }]]),
  outbox: new Map(urls.map((u, i) => [`${projectId}-${i}`, pendingTo(projectId, i, u)])),
  secrets: new Map(),
});

describe('review2: notifier head-of-line blocking across projects', () => {
  let server: Server;
  let victimDeliveredAt = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/hang') return; // never answers
      victimDeliveredAt = Date.now();
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => { server.closeAllConnections(); return new Promise<void>((r) => server.close(() => r())); });

  it("project B's notification waits for all of project A's hanging attempts", async () => {
    process.env.DEW_CSMS_WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';
    process.env.DEW_CSMS_NOTIFY_TIMEOUT_MS = '200';
    const settings = new NotifySettings();
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sets = [setOf('attacker', Array.from({ length: 10 }, () => `${base}/hang`)), setOf('victim', [`${base}/ok`])];
    const fakeSets = { all: () => sets, execute: async () => undefined };
    const delivery = new WebhookDelivery({ signingKey: async () => 'ab'.repeat(32) } as never, new WebhookPolicy(settings), settings);
    const passes = new NotifyPasses(fakeSets as never, delivery, settings, { now: () => Date.now() } as never);
    const start = Date.now();
    await passes.deliver(Date.now());
    const waited = victimDeliveredAt - start;
    console.log(`victim delivered after ${waited} ms (10 attacker attempts x 200 ms timeout)`);
    // With the default 5 s timeout and 5 attempts, each attacker notification costs up to 25 s of the single notifier.
    expect(waited).toBeGreaterThanOrEqual(10 * 200);
  });
});

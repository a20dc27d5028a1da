// Deliveries of one pass run a few at a time with projects taking turns and a bounded number per
// project, so a project whose webhook hangs cannot delay another project's notification.
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
const setOf = (projectId: string, url: string, count: number) => ({
  projectId,
  eventRules: new Map([['rule', { id: 'rid', target: { type: 'WEBHOOK', url, name: 'x' } }]]),
  outbox: new Map(Array.from({ length: count }, (_, i) => [`${projectId}-${i}`, pendingTo(projectId, i, url)])),
  secrets: new Map(),
});

describe('notifier fairness across projects', () => {
  let server: Server;
  let victimDeliveredAt = 0;
  let hangingRequests = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/hang') return void (hangingRequests += 1); // never answers
      victimDeliveredAt = Date.now();
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  it("a project whose webhook hangs: another project's notification is delivered without waiting for its attempts, and it gets at most its per-pass share", async () => {
    process.env.DEW_CSMS_WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';
    process.env.DEW_CSMS_NOTIFY_TIMEOUT_MS = '400';
    const settings = new NotifySettings();
    delete process.env.DEW_CSMS_WEBHOOK_ALLOWED_HOSTS;
    delete process.env.DEW_CSMS_NOTIFY_TIMEOUT_MS;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sets = [setOf('attacker', `${base}/hang`, 10), setOf('victim', `${base}/ok`, 1)];
    const recorded: string[] = [];
    const fakeSets = {
      all: () => sets,
      of: (p: string) => sets.find((s) => s.projectId === p),
      execute: async (_ctx: unknown, cmd: { notificationId: string; status: string }) => void recorded.push(`${cmd.notificationId}:${cmd.status}`),
    };
    const delivery = new WebhookDelivery({ signingKey: async () => 'ab'.repeat(32) } as never, new WebhookPolicy(settings), settings);
    const passes = new NotifyPasses(fakeSets as never, delivery, settings, { now: () => Date.now() } as never);
    const start = Date.now();
    await passes.deliver(Date.now());
    expect(victimDeliveredAt - start).toBeLessThan(settings.timeoutMs);
    expect(recorded).toContain('victim-0:SUCCESS');
    expect(recorded.filter((r) => r.startsWith('attacker-'))).toHaveLength(settings.perProjectPerPass);
    expect(hangingRequests).toBe(settings.perProjectPerPass);
  });
});

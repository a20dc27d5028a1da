// The delivery resolves a webhook's host once, inside its own socket lookup, checks every address
// it got and connects only to those; the peer address is checked again once connected. Here the
// resolver (standing in for an attacker's rebinding DNS) answers a loopback address at connection
// time for a name: the internal server must not be reached.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';

let answers: Array<{ address: string; family: number }> = [];
let resolutions = 0;
jest.unstable_mockModule('node:dns', () => ({
  lookup: (_host: string, _options: object, callback: (err: null, addresses: typeof answers) => void) => {
    resolutions += 1;
    callback(null, answers);
  },
}));

const { NotifySettings } = await import('./notify-settings.js');
const { WebhookPolicy } = await import('./webhook-policy.js');
const { WebhookDelivery } = await import('./webhook-delivery.js');
const { postWebhook } = await import('./webhook-post.js');
const { WebhookHostNotAllowed } = await import('@dew/contracts');

const pending = {
  notificationId: 'p-1', ruleId: 'r', ruleName: 'r', attempts: 0, nextAttemptAt: 0,
  target: { type: 'WEBHOOK', url: 'http://stale.example/old', name: 'x' },
  occurrence: { eventType: 'SECRET_VERSION_CREATED', secretId: 's', secretName: 's', secretType: 'COMMON', versionId: 'v1', at: 0 },
} as const;

function deliveryAllowing(hosts: string) {
  process.env.DEW_CSMS_WEBHOOK_ALLOWED_HOSTS = hosts;
  const settings = new NotifySettings();
  delete process.env.DEW_CSMS_WEBHOOK_ALLOWED_HOSTS;
  return new WebhookDelivery({ signingKey: async () => 'ab'.repeat(32) } as never, new WebhookPolicy(settings), settings);
}

describe('webhook delivery connection (DNS rebinding, pinning)', () => {
  let server: Server;
  const hits: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  let port = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push({ url: req.url ?? '', headers: req.headers });
      if (req.url === '/redirect') return void res.writeHead(302, { location: '/internal-admin' }).end();
      res.writeHead(200).end('internal');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    hits.length = 0;
    resolutions = 0;
  });

  const attempt = (delivery: ReturnType<typeof deliveryAllowing>, url: string) => delivery.attempt('proj', pending as never, { type: 'WEBHOOK', url, name: 'x' }, Date.now());

  it('a name that resolves to loopback when the delivery connects: INVALID, resolved once, the internal server never reached', async () => {
    answers = [{ address: '127.0.0.1', family: 4 }];
    const { status } = await attempt(deliveryAllowing(''), `http://rebind.example:${port}/internal-admin`);
    expect(status).toBe('INVALID');
    expect(resolutions).toBe(1);
    expect(hits).toEqual([]);
  });

  it('a name resolving to a public and a loopback address: INVALID (every address is checked), nothing reached', async () => {
    answers = [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }];
    const { status } = await attempt(deliveryAllowing(''), `http://mixed.example:${port}/internal-admin`);
    expect(status).toBe('INVALID');
    expect(hits).toEqual([]);
  });

  it('a literal loopback address not allowed: INVALID, nothing reached', async () => {
    const { status } = await attempt(deliveryAllowing(''), `http://127.0.0.1:${port}/internal-admin`);
    expect(status).toBe('INVALID');
    expect(hits).toEqual([]);
  });

  it('an allowed name: connected to the address the checked lookup gave, Host header stays the name, SUCCESS', async () => {
    answers = [{ address: '127.0.0.1', family: 4 }];
    const { status } = await attempt(deliveryAllowing('hooks.internal'), `http://hooks.internal:${port}/hook`);
    expect(status).toBe('SUCCESS');
    expect(resolutions).toBe(1);
    expect(hits.map((h) => [h.url, h.headers.host])).toEqual([['/hook', `hooks.internal:${port}`]]);
    expect(hits[0]?.headers['x-dew-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('a peer address the policy refuses although the lookup passed it: refused on connect, no request reaches the server', async () => {
    const lookup = ((_h: string, o: { all?: boolean }, cb: (e: null, a: unknown, f?: number) => void) => (o.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4))) as never;
    const outcome = await postWebhook(`http://peer.example:${port}/internal-admin`, {}, '{}', {
      lookup, refusal: (address) => WebhookHostNotAllowed('peer.example', address), connectTimeoutMs: 1000, timeoutMs: 2000,
    });
    expect(outcome).toMatchObject({ refused: { code: 'CSMS.0002' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(hits).toEqual([]);
  });

  it('a redirect answer: FAIL and the redirect is not followed', async () => {
    answers = [{ address: '127.0.0.1', family: 4 }];
    const { status } = await attempt(deliveryAllowing('hooks.internal'), `http://hooks.internal:${port}/redirect`);
    expect(status).toBe('FAIL');
    expect(hits.map((h) => h.url)).toEqual(['/redirect']);
  });
});

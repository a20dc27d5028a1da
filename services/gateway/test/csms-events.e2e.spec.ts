import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DewSystem, marker, type ApiResult, type SdkClient } from '@dew/testing';
import { CSMS_EVENT_MODELS } from './conformance/csms-event-models.js';
import { conformanceProblems, type Omissions } from './conformance/model-walk.js';

/**
 * Secret events and their webhook notifications, called the way Huawei's SDK calls them, with a
 * local receiver (loopback, allowed by DEW_CSMS_WEBHOOK_ALLOWED_HOSTS for this system only).
 */

const S = '/v1/{project_id}/secrets';
const E = '/v1/{project_id}/csms/events';
const R = '/v1/{project_id}/csms/notification-records';
const HOUR = 3_600_000;
const PAGE_NULLS: Omissions = { 'page_info.next_marker': 'null on the last page', 'page_info.previous_marker': 'null: DEW pages forward only' };

interface Delivery { readonly path: string; readonly headers: IncomingHttpHeaders; readonly body: string }
interface EventBody { event: { name: string; event_id: string; state: string; event_types: string[]; notification: { target_type: string; target_id: string; target_name: string } } }
interface RecordBody { event_name: string; trigger_event_type: string; secret_name: string; notification_status: string; notification_content: string; notification_target_id: string }

/** A webhook receiver: answers 500 to the first `failures[path]` calls of a path (or while `down` holds it), 204 after. */
class Receiver {
  readonly deliveries: Delivery[] = [];
  readonly failures = new Map<string, number>();
  readonly down = new Set<string>();
  readonly #calls = new Map<string, number>();
  server!: Server;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        const n = (this.#calls.get(path) ?? 0) + 1;
        this.#calls.set(path, n);
        const failing = this.down.has(path) || n <= (this.failures.get(path) ?? 0);
        if (!failing) this.deliveries.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(failing ? 500 : 204).end();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  to(path: string): Delivery[] {
    return this.deliveries.filter((d) => d.path === path);
  }

  calls(path: string): number {
    return this.#calls.get(path) ?? 0;
  }
}

let dew: DewSystem;
let api: SdkClient;
const receiver = new Receiver();

beforeAll(async () => {
  await receiver.start();
  dew = await DewSystem.start({ env: { DEW_CSMS_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', DEW_CSMS_NOTIFY_RETRY_MS: '300', DEW_CSMS_NOTIFY_ATTEMPTS: '8' } });
  api = dew.client();
});
afterAll(async () => {
  await dew?.stop();
  await new Promise((r) => receiver.server?.close(r));
});

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function walk<B>(op: string, res: ApiResult<B>, omitted: Omissions = {}): B {
  expect({ op, status: res.status }).toEqual({ op, status: 200 });
  expect(conformanceProblems(res.body, CSMS_EVENT_MODELS[op] ?? {}, omitted)).toEqual([]);
  return res.body;
}

/** A secret event of `types` sending to the receiver's `path`; answers its name and signing key. */
async function eventTo(name: string, path: string, types: string[], state = 'ENABLED'): Promise<{ name: string; key: string }> {
  const res = await api.call<EventBody & { signing_key: string }>('POST', E, { name, event_types: types, state, notification: { target_type: 'WEBHOOK', target_id: receiver.url(path), target_name: 'test receiver' } });
  const body = walk('create-secret-event', res);
  expect(body.signing_key).toMatch(/^[0-9a-f]{64}$/);
  return { name, key: body.signing_key };
}

async function recordsOf(eventName: string): Promise<RecordBody[]> {
  const res = await api.call<{ records: RecordBody[] }>('GET', `${R}?limit=200`);
  return walk('list-notification-records', res, PAGE_NULLS).records.filter((r) => r.event_name === eventName);
}

function verify(d: Delivery, key: string): Record<string, unknown> {
  const timestamp = String(d.headers['x-dew-timestamp']);
  const expected = `sha256=${createHmac('sha256', Buffer.from(key, 'hex')).update(`${timestamp}.${d.body}`).digest('hex')}`;
  const got = String(d.headers['x-dew-signature']);
  expect(got.length === expected.length && timingSafeEqual(Buffer.from(got), Buffer.from(expected))).toBe(true);
  const body = JSON.parse(d.body) as Record<string, unknown>;
  expect(d.headers['x-dew-notification-id']).toBe(body.notification_id);
  return body;
}

describe('secret events: create, show, list, update, delete as the SDK calls them', () => {
  it('the event answers the SDK Event model; update changes state; list pages by name; an event in use is not deleted (CSMS.0003), then it is (204)', async () => {
    await eventTo('crud-a', '/crud', ['SECRET_VERSION_CREATED']);
    await eventTo('crud-b', '/crud', ['SECRET_DELETED']);
    const shown = walk('show-secret-event', await api.call<EventBody>('GET', `${E}/crud-a`)).event;
    expect(shown).toMatchObject({ name: 'crud-a', state: 'ENABLED', event_types: ['SECRET_VERSION_CREATED'], notification: { target_type: 'WEBHOOK', target_id: receiver.url('/crud'), target_name: 'test receiver' } });
    expect(JSON.stringify(shown)).not.toMatch(/signing/);
    const updated = walk('update-secret-event', await api.call<EventBody>('PUT', `${E}/crud-a`, { state: 'DISABLED', event_types: ['SECRET_VERSION_CREATED', 'SECRET_VERSION_EXPIRED'] })).event;
    expect(updated).toMatchObject({ state: 'DISABLED', event_types: ['SECRET_VERSION_CREATED', 'SECRET_VERSION_EXPIRED'], event_id: shown.event_id });
    const page = walk('list-secret-events', await api.call<{ events: { name: string }[]; page_info: { next_marker: string | null } }>('GET', `${E}?limit=1&marker=crud-a`), PAGE_NULLS);
    expect(page.events.map((e) => e.name)).toEqual(['crud-b']);

    const secret = await api.call<{ secret: { event_subscriptions: string[] } }>('POST', S, { name: 'crud-secret', secret_string: marker('secret-value'), event_subscriptions: ['crud-b'] });
    expect(secret.body.secret.event_subscriptions).toEqual(['crud-b']);
    expect(await api.call('DELETE', `${E}/crud-b`)).toMatchObject({ status: 400, errorCode: 'CSMS.0003' });
    expect((await api.call<{ secret: { event_subscriptions: string[] } }>('PUT', `${S}/crud-secret`, { event_subscriptions: [] })).body.secret.event_subscriptions).toEqual([]);
    expect((await api.call('DELETE', `${E}/crud-b`)).status).toBe(204);
    expect(await api.call('GET', `${E}/crud-b`)).toMatchObject({ status: 404, errorCode: 'CSMS.0005' });
  });

  it('bad input is refused in CSMS codes naming the limit and the value, and nothing is created', async () => {
    const hook = { target_type: 'WEBHOOK', target_id: receiver.url('/bad') };
    const refused = async (body: object, code: string, text: string) => {
      const res = await api.call('POST', E, body);
      expect({ status: res.status, code: res.errorCode }).toEqual({ status: code === 'CSMS.0005' ? 404 : 400, code });
      expect(res.errorMsg).toContain(text);
    };
    await refused({ name: 'x'.repeat(65), event_types: ['SECRET_DELETED'], state: 'ENABLED', notification: hook }, 'CSMS.0002', '1..64');
    await refused({ name: 'bad-type', event_types: ['SECRET_EXPLODED'], state: 'ENABLED', notification: hook }, 'CSMS.0002', 'SECRET_EXPLODED');
    await refused({ name: 'bad-url', event_types: ['SECRET_DELETED'], state: 'ENABLED', notification: { target_type: 'WEBHOOK', target_id: 'file:///etc/passwd' } }, 'CSMS.0002', 'http:// or https://');
    await refused({ name: 'bad-smn', event_types: ['SECRET_DELETED'], state: 'ENABLED', notification: { target_type: 'SMN', target_id: 'urn:smn:x' } }, 'CSMS.0002', 'WEBHOOK');
    await refused({ name: 'private', event_types: ['SECRET_DELETED'], state: 'ENABLED', notification: { target_type: 'WEBHOOK', target_id: 'http://10.1.2.3/hook' } }, 'CSMS.0002', '10.1.2.3');
    await refused({ name: 'local', event_types: ['SECRET_DELETED'], state: 'ENABLED', notification: { target_type: 'WEBHOOK', target_id: 'http://localhost:9/hook' } }, 'CSMS.0002', 'localhost');
    const names = (await api.call<{ events: { name: string }[] }>('GET', E)).body.events.map((e) => e.name);
    expect(names.filter((n) => ['bad-type', 'bad-url', 'bad-smn', 'private', 'local'].includes(n))).toEqual([]);
    expect(await api.call('POST', S, { name: 'ghost-sub', secret_string: 'x', event_subscriptions: ['ghost'] })).toMatchObject({ status: 404, errorCode: 'CSMS.0005' });
    expect(await api.call('GET', `${S}/ghost-sub`)).toMatchObject({ status: 404 });
  });
});

describe('webhook notifications', () => {
  it('a new version of a subscribed secret: the receiver gets exactly one signed notification without the value, recorded SUCCESS', async () => {
    const { key } = await eventTo('versions-hook', '/versions', ['SECRET_VERSION_CREATED']);
    await api.call('POST', S, { name: 'notified', secret_string: marker('secret-value'), event_subscriptions: ['versions-hook'] });
    const value = marker('secret-value');
    expect((await api.call('POST', `${S}/notified/versions`, { secret_string: value })).status).toBe(200);
    const [first] = await until('the notification', () => (receiver.to('/versions').length > 0 ? receiver.to('/versions') : undefined));
    await pause(1500);
    expect(receiver.to('/versions')).toHaveLength(1);
    const body = verify(first as Delivery, key);
    expect(body).toMatchObject({ event_name: 'versions-hook', event_type: 'SECRET_VERSION_CREATED', secret_name: 'notified', version_id: 'v2' });
    expect(first?.body).not.toContain(value);
    const records = await until('the record', async () => { const r = await recordsOf('versions-hook'); return r.length > 0 ? r : undefined; });
    expect(records).toEqual([expect.objectContaining({ trigger_event_type: 'SECRET_VERSION_CREATED', secret_name: 'notified', notification_status: 'SUCCESS', notification_target_id: receiver.url('/versions') })]);
    expect(records[0]?.notification_content).not.toContain(value);
  });

  it('a receiver failing its first 2 calls is retried with backoff: FAIL, FAIL, SUCCESS recorded, one delivery received', async () => {
    receiver.failures.set('/flaky', 2);
    const { key } = await eventTo('flaky-hook', '/flaky', ['SECRET_VERSION_CREATED']);
    await api.call('POST', S, { name: 'flaky', secret_string: marker('secret-value'), event_subscriptions: ['flaky-hook'] });
    await api.call('POST', `${S}/flaky/versions`, { secret_string: marker('secret-value') });
    const records = await until('three records', async () => { const r = await recordsOf('flaky-hook'); return r.length >= 3 ? r : undefined; });
    expect(records.map((r) => r.notification_status)).toEqual(['SUCCESS', 'FAIL', 'FAIL']);
    expect(receiver.calls('/flaky')).toBe(3);
    expect(receiver.to('/flaky')).toHaveLength(1);
    verify(receiver.to('/flaky')[0] as Delivery, key);
  });

  it('the event URL changed while a notification is owed: its retries go to the new URL, signed with the event key, and the record names it', async () => {
    receiver.down.add('/moved-from');
    const { key } = await eventTo('moving-hook', '/moved-from', ['SECRET_VERSION_CREATED']);
    await api.call('POST', S, { name: 'moving', secret_string: marker('secret-value'), event_subscriptions: ['moving-hook'] });
    await api.call('POST', `${S}/moving/versions`, { secret_string: marker('secret-value') });
    await until('a failed attempt to the old URL', async () => ((await recordsOf('moving-hook')).length > 0 ? true : undefined));
    const notification = { target_type: 'WEBHOOK', target_id: receiver.url('/moved-to'), target_name: 'test receiver' };
    walk('update-secret-event', await api.call<EventBody>('PUT', `${E}/moving-hook`, { notification }));
    const [d] = await until('the delivery to the new URL', () => (receiver.to('/moved-to').length > 0 ? receiver.to('/moved-to') : undefined));
    expect(verify(d as Delivery, key)).toMatchObject({ event_name: 'moving-hook', secret_name: 'moving' });
    const [newest] = await recordsOf('moving-hook');
    expect(newest).toMatchObject({ notification_status: 'SUCCESS', notification_target_id: receiver.url('/moved-to') });
    receiver.down.delete('/moved-from');
    await pause(1000);
    expect(receiver.to('/moved-from')).toEqual([]);
  });

  it('a disabled event sends nothing and records nothing', async () => {
    await eventTo('quiet-hook', '/quiet', ['SECRET_VERSION_CREATED', 'SECRET_DELETED'], 'DISABLED');
    await api.call('POST', S, { name: 'quiet', secret_string: marker('secret-value'), event_subscriptions: ['quiet-hook'] });
    await api.call('POST', `${S}/quiet/versions`, { secret_string: marker('secret-value') });
    expect((await api.call('DELETE', `${S}/quiet`)).status).toBe(204);
    await pause(2000);
    expect(receiver.calls('/quiet')).toBe(0);
    expect(await recordsOf('quiet-hook')).toEqual([]);
  });

  it('a notification owed before a csms restart is delivered after it (the outbox is the event stream)', async () => {
    receiver.down.add('/durable');
    const { key } = await eventTo('durable-hook', '/durable', ['SECRET_DELETED']);
    await api.call('POST', S, { name: 'durable', secret_string: marker('secret-value'), event_subscriptions: ['durable-hook'] });
    await api.call('POST', `${S}/durable/scheduled-deleted-tasks/create`, { recovery_window_in_days: 7 });
    await until('a failed attempt', async () => ((await recordsOf('durable-hook')).length > 0 ? true : undefined));
    await dew.restart();
    api = dew.client();
    receiver.down.delete('/durable');
    const [d] = await until('the delivery after restart', () => (receiver.to('/durable').length > 0 ? receiver.to('/durable') : undefined), 60_000);
    expect(verify(d as Delivery, key)).toMatchObject({ event_type: 'SECRET_DELETED', secret_name: 'durable' });
    await pause(1500);
    expect(receiver.to('/durable')).toHaveLength(1);
    const statuses = (await recordsOf('durable-hook')).map((r) => r.notification_status);
    expect(statuses[0]).toBe('SUCCESS');
    expect(statuses.slice(1).every((s) => s === 'FAIL')).toBe(true);
  });

  it('a version reaching its expire_time on the test clock notifies SECRET_VERSION_EXPIRED once', async () => {
    const { key } = await eventTo('expiry-hook', '/expiry', ['SECRET_VERSION_EXPIRED']);
    await api.call('POST', S, { name: 'expiring', secret_string: marker('secret-value'), event_subscriptions: ['expiry-hook'] });
    const expireTime = Math.floor(Date.now() / 1000) + 24 * 3600;
    expect((await api.call('POST', `${S}/expiring/versions`, { secret_string: marker('secret-value'), expire_time: expireTime })).status).toBe(200);
    await pause(1000);
    expect(receiver.calls('/expiry')).toBe(0);
    await dew.advanceClock('csms', 25 * HOUR);
    const [d] = await until('the expiry notification', () => (receiver.to('/expiry').length > 0 ? receiver.to('/expiry') : undefined));
    expect(verify(d as Delivery, key)).toMatchObject({ event_type: 'SECRET_VERSION_EXPIRED', secret_name: 'expiring', version_id: 'v2' });
    await dew.advanceClock('csms', HOUR);
    await pause(1500);
    expect(receiver.to('/expiry')).toHaveLength(1);
  });
});

import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { DewSystem, marker, rawSignedRequest, type RawResponse } from '@dew/testing';

/** Small limits, so each one is reached within a test (docs/input-limits.md, "Connections and work in progress"). */
const HEADERS_TIMEOUT_MS = 1500;
const MAX_HEADER_BYTES = 4096;
const REQUESTS_PER_SOCKET = 3;
const MAX_IN_FLIGHT = 2;

let dew: DewSystem;

beforeAll(async () => {
  dew = await DewSystem.start({
    env: {
      DEW_HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      DEW_HTTP_REQUEST_TIMEOUT_MS: String(2 * HEADERS_TIMEOUT_MS),
      DEW_HTTP_MAX_HEADER_BYTES: String(MAX_HEADER_BYTES),
      DEW_HTTP_MAX_REQUESTS_PER_SOCKET: String(REQUESTS_PER_SOCKET),
      DEW_HTTP_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
    },
  });
});
afterAll(async () => {
  await dew?.stop();
});

const project = () => dew.credentials.project_id;
const signed = (method: string, path: string, body = '') => rawSignedRequest(dew.endpoint, dew.credentials, method, path, body);
const listKeys = () => signed('POST', `/v1.0/${project()}/kms/list-keys`, '{}');
const listSecrets = () => signed('GET', `/v1/${project()}/secrets`);

/** A raw connection to the gateway that records what it received and whether the server closed it. */
interface RawConnection {
  readonly socket: Socket;
  received(): string;
  readonly closed: Promise<void>;
}

function rawConnection(): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: dew.httpPort });
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    // Writes after the server closed the connection fail (EPIPE, ECONNRESET): that is the point.
    socket.on('error', () => undefined);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => resolve({ socket, received: () => text, closed }));
    socket.once('error', reject);
  });
}

/** The status line and JSON body of a raw HTTP/1.1 answer. */
function parseRaw(text: string): { status: number; headers: string; body: Record<string, unknown> } {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: JSON.parse(body) as Record<string, unknown> };
}

describe('slow clients (slowloris): headers dribbled a byte at a time', () => {
  it('200 connections dribbling headers do not stop a signed request being served, and the server closes each of them after the headers timeout with 408', async () => {
    const slow = await Promise.all(Array.from({ length: 200 }, () => rawConnection()));
    for (const c of slow) c.socket.write(`GET /v1/${project()}/secrets HTTP/1.1\r\nHost: dew\r\n`);
    // One byte every 100 ms on every connection, for as long as the server keeps it open.
    const dribble = setInterval(() => {
      for (const c of slow) if (!c.socket.destroyed) c.socket.write('x');
    }, 100);
    try {
      // Sent while all 200 dribble.
      expect((await listKeys()).status).toBe(200);
      await Promise.all(slow.map((c) => c.closed));
    } finally {
      clearInterval(dribble);
    }
    for (const c of slow) {
      const answer = parseRaw(c.received());
      expect(answer.status).toBe(408);
      expect(answer.headers).toContain('connection: close');
      // The path was never read in full: the KMS shape, naming the limits.
      expect(answer.body).toMatchObject({ error: { error_code: 'KMS.0201', error_msg: expect.stringContaining(`${HEADERS_TIMEOUT_MS} ms`) } });
    }
    // And the gateway still serves.
    expect((await listSecrets()).status).toBe(200);
  });
});

describe('request line and headers over the limit', () => {
  const oversized = { 'x-padding': 'a'.repeat(2 * MAX_HEADER_BYTES) };
  it('on a KMS route: 431 in the KMS shape naming the limit, before authentication', async () => {
    const res = await fetch(`${dew.endpoint}/v1.0/${project()}/kms/list-keys`, { method: 'POST', headers: oversized, body: '{}' });
    expect(res.status).toBe(431);
    expect(await res.json()).toEqual({ error: { error_code: 'KMS.0203', error_msg: `request line and headers exceed ${MAX_HEADER_BYTES} bytes`, code: 'KMS.0203', message: `request line and headers exceed ${MAX_HEADER_BYTES} bytes` } });
  });

  it('on a CSMS route: 431 in the CSMS shape', async () => {
    const res = await fetch(`${dew.endpoint}/v1/${project()}/secrets`, { headers: oversized });
    expect(res.status).toBe(431);
    expect(await res.json()).toMatchObject({ error_code: expect.stringMatching(/^CSMS\./), error_msg: expect.stringContaining(String(MAX_HEADER_BYTES)) });
  });

  it('a request line over the limit with a large body still being sent: the client reads the 431, not a reset (the refused connection lingers)', async () => {
    const body = Buffer.alloc(1024 * 1024, 'a');
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: dew.httpPort, method: 'POST', path: `/v1.0/${project()}/kms/list-keys?${'x'.repeat(16 * MAX_HEADER_BYTES)}`, headers: { 'content-length': String(body.length) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { error_code: 'KMS.0203' } });
  });

  it('headers within the limit are served', async () => {
    expect((await rawSignedRequest(dew.endpoint, dew.credentials, 'GET', `/v1/${project()}/secrets`, '', { headers: { 'x-padding': 'a'.repeat(MAX_HEADER_BYTES / 2) } })).status).toBe(200);
  });
});

describe('requests per connection', () => {
  it(`a keep-alive connection carries ${REQUESTS_PER_SOCKET} requests: the last answer says close and the server closes it`, async () => {
    const c = await rawConnection();
    const answers: string[] = [];
    for (let i = 1; i <= REQUESTS_PER_SOCKET; i++) {
      const before = c.received().length;
      c.socket.write('GET /health HTTP/1.1\r\nHost: dew\r\n\r\n');
      for (let wait = 0; wait < 500 && !c.received().slice(before).includes('"status":"ok"'); wait++) await new Promise((r) => setTimeout(r, 10));
      answers.push(c.received().slice(before));
    }
    await c.closed;
    expect(answers.map((a) => a.split('\r\n')[0])).toEqual(Array.from({ length: REQUESTS_PER_SOCKET }, () => 'HTTP/1.1 200 OK'));
    expect(answers.slice(0, -1).every((a) => a.toLowerCase().includes('connection: keep-alive'))).toBe(true);
    expect(answers.at(-1)?.toLowerCase()).toContain('connection: close');
  });

  it(`the last of ${REQUESTS_PER_SOCKET} requests to an unknown path (answered at once, 404) closes the connection; the gateway process lives on`, async () => {
    const pid = dew.servicePid('gateway');
    const c = await rawConnection();
    for (let i = 1; i <= REQUESTS_PER_SOCKET; i++) c.socket.write('GET /no-such-path HTTP/1.1\r\nHost: dew\r\n\r\n');
    await c.closed;
    const statuses = c.received().match(/HTTP\/1\.1 \d{3} [^\r]*/g);
    expect(statuses).toEqual(Array.from({ length: REQUESTS_PER_SOCKET }, () => 'HTTP/1.1 404 Not Found'));
    expect(dew.servicePid('gateway')).toBe(pid);
    expect(dew.output).not.toContain('gateway exited');
    expect((await fetch(`${dew.endpoint}/health`)).status).toBe(200);
  });
});

describe('requests in progress at the gateway (DEW_HTTP_MAX_IN_FLIGHT)', () => {
  /** Rounds of concurrent requests until one is refused (a round of 30 with a limit of 2 nearly always is). */
  async function untilRefused(call: () => Promise<RawResponse>): Promise<RawResponse[]> {
    const all: RawResponse[] = [];
    for (let round = 0; round < 10 && !all.some((r) => r.status === 503); round++) all.push(...(await Promise.all(Array.from({ length: 30 }, call))));
    return all;
  }

  it.each([
    { family: 'kms', call: listKeys, code: (r: RawResponse) => (r.json?.error as { error_code?: string } | undefined)?.error_code, expected: 'KMS.0101' },
    { family: 'csms', call: listSecrets, code: (r: RawResponse) => r.json?.error_code, expected: 'CSMS.0503' },
  ])('concurrent $family requests beyond the limit: 503 $expected with Retry-After, no other 5xx, and requests succeed afterwards', async ({ call, code, expected }) => {
    const answers = await untilRefused(call);
    const refused = answers.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((r) => r.status !== 200 && r.status !== 503)).toEqual([]);
    for (const r of refused) {
      expect(code(r)).toBe(expected);
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.text).toContain(`${MAX_IN_FLIGHT} requests in progress`);
    }
    expect((await call()).status).toBe(200);
  });

  it('after the refused bursts, a write and a read succeed: a secret is created and read back with its value', async () => {
    const value = marker('secret-value');
    const api = dew.client();
    expect((await api.call('POST', '/v1/{project_id}/secrets', { name: 'after-the-limit', secret_string: value })).status).toBe(200);
    const read = await api.call<{ version: { secret_string?: string } }>('GET', '/v1/{project_id}/secrets/after-the-limit/versions/latest');
    expect(read.body.version.secret_string).toBe(value);
  });

  it('health and readiness answer while the limit is full', async () => {
    const load = Promise.all(Array.from({ length: 30 }, listKeys));
    const [health, ready] = await Promise.all([fetch(`${dew.endpoint}/health`), fetch(`${dew.endpoint}/ready`)]);
    await load;
    expect(health.status).toBe(200);
    expect(ready.status).toBe(200);
  });
});

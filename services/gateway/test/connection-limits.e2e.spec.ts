import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { DewSystem, marker, rawSignedRequest, type ApiCredentials, type RawResponse } from '@dew/testing';

/** Small limits, so each one is reached within a test (docs/input-limits.md, "Connections and work in progress"). */
const HEADERS_TIMEOUT_MS = 1500;
const REQUEST_TIMEOUT_MS = 2 * HEADERS_TIMEOUT_MS;
const KEEP_ALIVE_TIMEOUT_MS = 2000;
const MAX_HEADER_BYTES = 4096;
const REQUESTS_PER_SOCKET = 3;
const MAX_IN_FLIGHT = 4;
const PER_CALLER = 2;
const UNVERIFIED = 2;
/** One address's share of the unverified requests: a caller's share, within the unverified pool. */
const PER_ADDRESS = Math.min(PER_CALLER, UNVERIFIED);

let dew: DewSystem;

beforeAll(async () => {
  dew = await DewSystem.start({
    env: {
      DEW_HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      DEW_HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      DEW_HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
      DEW_HTTP_MAX_HEADER_BYTES: String(MAX_HEADER_BYTES),
      DEW_HTTP_MAX_REQUESTS_PER_SOCKET: String(REQUESTS_PER_SOCKET),
      DEW_HTTP_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
      DEW_HTTP_MAX_IN_FLIGHT_PER_CALLER: String(PER_CALLER),
      DEW_HTTP_MAX_IN_FLIGHT_UNVERIFIED: String(UNVERIFIED),
    },
  });
});
afterAll(async () => {
  await dew?.stop();
});

const project = () => dew.credentials.project_id;
const signed = (method: string, path: string, body = '') => rawSignedRequest(dew.endpoint, dew.credentials, method, path, body);
const listKeysAs = (creds: ApiCredentials) => rawSignedRequest(dew.endpoint, creds, 'POST', `/v1.0/${creds.project_id}/kms/list-keys`, '{}');
const listKeys = () => listKeysAs(dew.credentials);
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

describe('idle and slow connections', () => {
  it('a keep-alive connection left idle after its answer is closed by the server, not before the keep-alive timeout', async () => {
    const c = await rawConnection();
    c.socket.write('GET /health HTTP/1.1\r\nHost: dew\r\n\r\n');
    const answered = await untilReceived(c, '\r\n\r\n');
    await c.closed;
    expect(c.received().split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    // Node sends the answer, then starts the keep-alive timer: a lower bound only (a late check is no failure).
    expect(Date.now() - answered).toBeGreaterThanOrEqual(KEEP_ALIVE_TIMEOUT_MS - 100);
  });

  it('a body sent a byte at a time, slower than the request timeout: 408 in the KMS shape naming both timeouts, and the connection closed', async () => {
    const c = await rawConnection();
    c.socket.write(`POST /v1.0/${project()}/kms/list-keys HTTP/1.1\r\nHost: dew\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
    const dribble = setInterval(() => {
      if (!c.socket.destroyed) c.socket.write(' ');
    }, 100);
    try {
      await c.closed;
    } finally {
      clearInterval(dribble);
    }
    const answer = parseRaw(c.received());
    expect({ status: answer.status, close: answer.headers.includes('connection: close') }).toEqual({ status: 408, close: true });
    expect(answer.body).toMatchObject({ error: { error_code: 'KMS.0201', error_msg: expect.stringContaining(`${REQUEST_TIMEOUT_MS} ms`) } });
    // And the gateway still serves.
    expect((await listKeys()).status).toBe(200);
  });
});

describe('a body over the size limit, still being sent after the refusal', () => {
  it('the client reads the 413 in the KMS shape (no reset), the rest of the body is read and dropped, and the same connection serves the next request', async () => {
    const c = await rawConnection();
    const errors: string[] = [];
    c.socket.on('error', (err) => errors.push(err.message));
    const BODY = 4 * 1024 * 1024;
    c.socket.write(`POST /v1.0/${project()}/kms/create-key HTTP/1.1\r\nHost: dew\r\nContent-Type: application/json\r\nContent-Length: ${BODY}\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    // A connection the server closed ends the sending (the failure this test is about).
    for (let sent = 0; sent < BODY && !c.socket.destroyed; sent += chunk.length) {
      if (!c.socket.write(chunk)) await Promise.race([new Promise((r) => c.socket.once('drain', r)), c.closed]);
    }
    await untilReceived(c, '}').catch(() => undefined);
    c.socket.write('GET /health HTTP/1.1\r\nHost: dew\r\nConnection: close\r\n\r\n');
    await c.closed;
    const [refused, next] = c.received().split(/(?=HTTP\/1\.1 )/);
    expect({ errors, refused: parseRaw(refused ?? '').status, next: (next ?? '').split('\r\n')[0] }).toEqual({ errors: [], refused: 413, next: 'HTTP/1.1 200 OK' });
    expect(parseRaw(refused ?? '').body).toMatchObject({ error: { error_code: 'KMS.0203' } });
  });
});

describe('a body over the size limit as the last request a connection may carry', () => {
  it(`the last request a connection may carry (number ${REQUESTS_PER_SOCKET}), over the size limit: its 413 still says close and the server closes the connection`, async () => {
    const c = await rawConnection();
    for (let i = 1; i < REQUESTS_PER_SOCKET; i++) c.socket.write('GET /health HTTP/1.1\r\nHost: dew\r\n\r\n');
    c.socket.write(`POST /v1.0/${project()}/kms/create-key HTTP/1.1\r\nHost: dew\r\nContent-Type: application/json\r\nContent-Length: ${8 * 1024 * 1024}\r\n\r\n`);
    await c.closed;
    const answers = c.received().split(/(?=HTTP\/1\.1 )/);
    const last = parseRaw(answers[answers.length - 1] ?? '');
    expect({ answers: answers.length, status: last.status, close: last.headers.includes('connection: close') }).toEqual({ answers: REQUESTS_PER_SOCKET, status: 413, close: true });
  });
});

/** When `text` first arrived on the connection (polled), as Date.now(). */
async function untilReceived(c: RawConnection, text: string): Promise<number> {
  while (!c.received().includes(text)) {
    if (c.socket.destroyed) throw new Error(`connection closed before ${JSON.stringify(text)} arrived; got ${JSON.stringify(c.received())}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now();
}

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

/** Rounds of concurrent requests until one is refused (a round of 30 with a share of 2 nearly always is). */
async function untilRefused(call: () => Promise<RawResponse>): Promise<RawResponse[]> {
  const all: RawResponse[] = [];
  for (let round = 0; round < 10 && !all.some((r) => r.status === 503); round++) all.push(...(await Promise.all(Array.from({ length: 30 }, call))));
  return all;
}

/** Signed requests of one caller, one after another, until `done` settles: each is in progress while the flood is. */
async function oneAtATimeDuring(done: Promise<unknown>, call: () => Promise<RawResponse>): Promise<RawResponse[]> {
  let settled = false;
  void done.finally(() => (settled = true));
  const answers: RawResponse[] = [];
  do answers.push(await call());
  while (!settled);
  return answers;
}

describe('requests in progress at the gateway (DEW_HTTP_MAX_IN_FLIGHT and its shares)', () => {
  // A caller counts under its own share once IAM verified its access key from its address.
  beforeAll(async () => {
    expect((await listKeys()).status).toBe(200);
  });

  it.each([
    { family: 'kms', call: listKeys, code: (r: RawResponse) => (r.json?.error as { error_code?: string } | undefined)?.error_code, expected: 'KMS.0101' },
    { family: 'csms', call: listSecrets, code: (r: RawResponse) => r.json?.error_code, expected: 'CSMS.0503' },
  ])('concurrent $family requests of one caller beyond its share: 503 $expected with Retry-After naming the share, no other 5xx, and requests succeed afterwards', async ({ call, code, expected }) => {
    const answers = await untilRefused(call);
    const refused = answers.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((r) => r.status !== 200 && r.status !== 503)).toEqual([]);
    for (const r of refused) {
      expect(code(r)).toBe(expected);
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.text).toContain(`caller already has ${PER_CALLER} requests in progress (limit ${PER_CALLER})`);
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

  it('health and readiness answer while requests are refused as over their share', async () => {
    const load = Promise.all(Array.from({ length: 30 }, listKeys));
    // Asked with the burst already on its way.
    const [health, ready] = await Promise.all([fetch(`${dew.endpoint}/health`), fetch(`${dew.endpoint}/ready`)]);
    const answers = await load;
    // The share was full meanwhile: part of the burst was refused.
    expect(answers.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    expect(health.status).toBe(200);
    expect(ready.status).toBe(200);
  });

  // docs/input-limits.md, "Connections and work in progress": what forgers can and cannot do.
  it('300 forged requests at once (unsigned, or signed by made-up access keys) get 401/429 or 503 naming the per-address limit; a verified caller meanwhile is always served', async () => {
    const path = `/v1.0/${project()}/kms/list-keys`;
    const forged = Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        i % 2 === 0 ? fetch(`${dew.endpoint}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), text: await r.text() }))
          : listKeysAs({ access: `FORGED${i}`, secret: 'not-a-secret-key', project_id: project() }).then((r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), text: r.text })),
      ),
    );
    const served = await oneAtATimeDuring(forged, listKeys);
    const answers = await forged;
    expect(served.map((r) => r.status)).toEqual(served.map(() => 200));
    expect(answers.filter((r) => ![401, 429, 503].includes(r.status))).toEqual([]);
    const refused = answers.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.retryAfter).toBe('1');
      expect(r.text).toContain(`this address already has ${PER_ADDRESS} requests awaiting authentication (limit ${PER_ADDRESS})`);
    }
  });

  it("one account's access key flooding the gateway gets 503 naming its share; another account's signed requests meanwhile are all served", async () => {
    const flooder = await dew.bootstrapDomain(`flooder-${Date.now()}`);
    expect((await listKeysAs(flooder)).status).toBe(200);
    const flood = untilRefused(() => listKeysAs(flooder));
    const served = await oneAtATimeDuring(flood, listKeys);
    const answers = await flood;
    expect(served.map((r) => r.status)).toEqual(served.map(() => 200));
    expect(answers.filter((r) => r.status !== 200 && r.status !== 503)).toEqual([]);
    const refused = answers.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.text).toContain(`caller already has ${PER_CALLER} requests in progress (limit ${PER_CALLER})`);
    }
  });
});

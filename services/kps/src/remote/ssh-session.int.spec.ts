import { createConnection, createServer, type Server as TcpServer, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import { RemoteError } from './remote-failure.js';
import { openSshSession, type SshSession } from './ssh-session.js';

const { Server: SshServer, utils } = ssh2;

// Servers that stall where a real one could (a login never answered, a channel never confirmed, a
// peer gone silent): every wait ends by a timeout, the watchdog or keepalive, and ends the
// connection itself (docs/kps.md, "Bind tasks"). The SSH side is ssh2's own server.

const password = { type: 'password', password: 'not-used-anywhere-7d1e' } as const;
/** Far longer than any wait below: a test that reaches it has lost the guard it checks. */
const NEVER_MS = 120_000;
const PROMPTLY_MS = 5_000;

interface Stalling {
  readonly port: number;
  /** Resolves when the server saw the client's connection end. */
  readonly ended: Promise<void>;
  close(): Promise<void>;
}

/** Accepts TCP and never says a word of SSH. */
async function silentServer(): Promise<Stalling> {
  const sockets: Socket[] = [];
  let ended!: () => void;
  const endedP = new Promise<void>((resolve) => (ended = resolve));
  const server = createServer((s) => {
    sockets.push(s);
    // Read (and drop) what arrives, so the end of the connection is seen.
    s.resume();
    s.on('close', ended);
    s.on('error', () => undefined);
  });
  return listening(server, endedP, () => sockets.forEach((s) => s.destroy()));
}

/** Logs anyone in, then never confirms a channel: the request to open one waits for ever. */
async function unconfirmingServer(): Promise<Stalling> {
  const hostKey = utils.generateKeyPairSync('ed25519').private;
  let ended!: () => void;
  const endedP = new Promise<void>((resolve) => (ended = resolve));
  const connections: { end(): void }[] = [];
  const server = new SshServer({ hostKeys: [hostKey] }, (conn) => {
    connections.push(conn);
    conn.on('error', () => undefined);
    conn.on('close', ended);
    conn.on('authentication', (ctx) => ctx.accept());
    conn.on('session', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    ended: endedP,
    close: async () => {
      connections.forEach((c) => c.end());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function listening(server: TcpServer, ended: Promise<void>, dropAll: () => void): Promise<Stalling> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    ended,
    close: async () => {
      dropAll();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Forwards to `port` until frozen, then swallows every byte both ways and keeps the sockets open: a dropped peer. */
async function freezingProxy(port: number): Promise<{ port: number; freeze(): void; close(): Promise<void> }> {
  let frozen = false;
  const sockets: Socket[] = [];
  const server = createServer((inbound) => {
    const outbound = createConnection(port, '127.0.0.1');
    sockets.push(inbound, outbound);
    for (const s of [inbound, outbound]) s.on('error', () => undefined);
    inbound.on('data', (d) => frozen || outbound.write(d));
    outbound.on('data', (d) => frozen || inbound.write(d));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    freeze: () => {
      frozen = true;
    },
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function settledWithin<T>(promise: Promise<T>): Promise<{ error: unknown; elapsedMs: number }> {
  const started = Date.now();
  const error = await promise.then(() => undefined, (err: unknown) => err);
  return { error, elapsedMs: Date.now() - started };
}

async function ends(server: Stalling): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), PROMPTLY_MS).unref());
  return Promise.race([server.ended.then(() => true as const), timeout]);
}

describe('openSshSession against a server that stalls', () => {
  let server: Stalling | undefined;
  let session: SshSession | undefined;

  afterEach(async () => {
    session?.close();
    session = undefined;
    await server?.close();
    server = undefined;
  });

  it('a login never answered: the watchdog signal ends the connection at once, long before the login timeout', async () => {
    server = await silentServer();

    const { error, elapsedMs } = await settledWithin(
      openSshSession({ host: '127.0.0.1', port: server.port, username: 'root', credential: password, readyTimeoutMs: NEVER_MS, signal: AbortSignal.timeout(300) }),
    );

    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ failure: 'UNREACHABLE', message: expect.stringContaining('ran out of time') });
    expect(elapsedMs).toBeLessThan(PROMPTLY_MS);
    expect(await ends(server)).toBe(true);
  });

  it('a watchdog signal already aborted: no connection is opened', async () => {
    let accepted = 0;
    const listener = createServer((s) => {
      accepted++;
      s.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as { port: number };
    try {
      await expect(openSshSession({ host: '127.0.0.1', port, username: 'root', credential: password, signal: AbortSignal.abort() })).rejects.toMatchObject({ failure: 'UNREACHABLE' });
      await new Promise((r) => setTimeout(r, 200));
      expect(accepted).toBe(0);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('a channel never confirmed: the command timeout runs from the request, fails it and ends the connection', async () => {
    server = await unconfirmingServer();
    session = await openSshSession({ host: '127.0.0.1', port: server.port, username: 'root', credential: password });

    const { error, elapsedMs } = await settledWithin(session.exec('true', undefined, 300));

    expect(error).toMatchObject({ failure: 'REMOTE_COMMAND_FAILED', message: expect.stringContaining('did not finish within 300 ms') });
    expect(elapsedMs).toBeLessThan(PROMPTLY_MS);
    expect(await ends(server)).toBe(true);
  });

  it('a channel never confirmed, the command timeout far off: the watchdog ends the connection and no later command is sent', async () => {
    server = await unconfirmingServer();
    const watchdog = new AbortController();
    session = await openSshSession({ host: '127.0.0.1', port: server.port, username: 'root', credential: password, signal: watchdog.signal });
    setTimeout(() => watchdog.abort(), 300);

    const { error, elapsedMs } = await settledWithin(session.exec('true', undefined, NEVER_MS));

    expect(error).toMatchObject({ failure: 'UNREACHABLE', message: expect.stringContaining('ran out of time') });
    expect(elapsedMs).toBeLessThan(PROMPTLY_MS);
    expect(await ends(server)).toBe(true);
    await expect(session.exec('true')).rejects.toMatchObject({ message: expect.stringContaining('ran out of time') });
  });

  it('a peer gone silent after login (packets dropped, connection never closed): keepalive notices and the running command fails', async () => {
    server = await unconfirmingServer();
    const proxy = await freezingProxy(server.port);
    try {
      session = await openSshSession({ host: '127.0.0.1', port: proxy.port, username: 'root', credential: password, keepaliveIntervalMs: 200 });
      proxy.freeze();

      const { error, elapsedMs } = await settledWithin(session.exec('true', undefined, NEVER_MS));

      expect(error).toMatchObject({ failure: 'REMOTE_COMMAND_FAILED', message: expect.stringContaining('connection was lost') });
      expect(elapsedMs).toBeLessThan(PROMPTLY_MS);
    } finally {
      await proxy.close();
    }
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as natsConnect, type NatsConnection } from '@nats-io/transport-node';
import { inboxPrefixOf } from '@dew/messaging';
import { findFreePort, renderNatsConfig, startNatsServer, type NatsServerProcess, type NatsUserConfig } from '@dew/nats-server';

export interface StartTestNatsOptions {
  readonly users?: readonly NatsUserConfig[];
  /** Defaults to `nats-server` on PATH. */
  readonly binary?: string;
  /** The server's max_payload (its default, 1 MB, when absent). */
  readonly maxPayload?: number;
}

export interface TestNatsConnectOptions {
  readonly user?: string;
  readonly pass?: string;
  readonly name?: string;
  /**
   * Whose private inbox the connection uses (services answer only callers' inboxes): `user`, or
   * the gateway's when no user is given, so a test client asks services as the gateway does.
   */
  readonly actsAs?: string;
}

export interface TestNats {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  readonly dir: string;
  /**
   * Stops and starts the server on the same port and store (streams survive), then waits
   * until every open connection made by connect() has reconnected.
   */
  restart(): Promise<void>;
  /** Closes every connection made by connect(), stops the server and removes `dir`. */
  stop(): Promise<void>;
  connect(opts?: TestNatsConnectOptions): Promise<NatsConnection>;
}

const HOST = '127.0.0.1';
const RECONNECT_TIMEOUT_MS = 10_000;

/** A private nats-server with JetStream on a free loopback port and a temp store dir. */
export async function startTestNats(opts: StartTestNatsOptions = {}): Promise<TestNats> {
  const dir = await mkdtemp(join(tmpdir(), 'dew-test-nats-'));
  const storeDir = join(dir, 'store');
  const configPath = join(dir, 'nats.conf');
  const logFile = join(dir, 'nats.log');
  const start = (): Promise<NatsServerProcess> =>
    startNatsServer({ configPath, logFile, ...(opts.binary ? { binary: opts.binary } : {}) });

  let port: number;
  let server: NatsServerProcess;
  try {
    port = await findFreePort(HOST);
    await writeFile(configPath, renderNatsConfig({ host: HOST, port, storeDir, ...(opts.users ? { users: opts.users } : {}), ...(opts.maxPayload ? { maxPayload: opts.maxPayload } : {}) }));
    server = await start();
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  const url = `nats://${HOST}:${port}`;
  const connections = new Set<NatsConnection>();

  return {
    url, port, storeDir, dir,
    async restart() {
      const reconnected = [...connections].filter((nc) => !nc.isClosed()).map(waitForReconnect);
      await server.stop();
      server = await start();
      await Promise.all(reconnected);
    },
    async stop() {
      await Promise.all([...connections].map((nc) => (nc.isClosed() ? undefined : nc.close())));
      connections.clear();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
    async connect(c = {}) {
      const nc = await natsConnect({
        servers: url,
        ...(c.user !== undefined ? { user: c.user } : {}),
        ...(c.pass !== undefined ? { pass: c.pass } : {}),
        ...(c.name !== undefined ? { name: c.name } : {}),
        inboxPrefix: inboxPrefixOf(c.actsAs ?? c.user ?? 'gateway'),
        // Keep reconnecting quickly so a restart() is invisible to the code under test.
        maxReconnectAttempts: -1,
        reconnectTimeWait: 100,
      });
      connections.add(nc);
      void nc.closed().then(() => connections.delete(nc));
      return nc;
    },
  };
}

// nats.js v3 drops what was written while disconnected (the outbound buffer is reset on each
// connect attempt), so a request sent before the reconnect would just time out.
async function waitForReconnect(nc: NatsConnection): Promise<void> {
  const events = nc.status()[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`connection did not reconnect within ${RECONNECT_TIMEOUT_MS} ms`)), RECONNECT_TIMEOUT_MS);
  });
  const reconnected = (async () => {
    for (;;) {
      const next = await events.next();
      if (next.done === true || next.value.type === 'reconnect' || next.value.type === 'close') return;
    }
  })();
  try {
    await Promise.race([reconnected, timedOut]);
  } finally {
    clearTimeout(timer);
    await events.return?.();
  }
}

import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { renderNatsConfig } from './config.js';
import { findFreePort } from './port.js';
import { startNatsServer, type NatsServerProcess } from './process.js';
import { natsServerVersion, syncIntervalRefusal } from './version.js';

// DEW_NATS_SYNC as a real nats-server takes it (docs/architecture.md, "Durability"): the config
// DEW renders is what the server runs with, read back from its own monitor (`/varz`), and what
// it acknowledged before a SIGKILL is there after a restart on the same store.

/** A nats-server that has `sync_interval` (2.10.23 or later): the same one cluster mode uses. */
const fitBinary = (): string => execFileSync(join(process.cwd(), 'tools/cluster-nats-server.sh'), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();

interface JetStreamVarz { readonly sync_interval?: number; readonly sync_always?: boolean }

let dir: string;
let binary: string;
let server: NatsServerProcess | undefined;
beforeAll(async () => {
  binary = fitBinary();
  dir = await mkdtemp(join(tmpdir(), 'dew-nats-sync-'));
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function start(syncInterval: string, storeDir: string): Promise<{ port: number; monitor: number }> {
  const [port, monitor] = [await findFreePort(), await findFreePort()];
  const configPath = join(dir, `sync-${syncInterval}.conf`);
  await writeFile(configPath, renderNatsConfig({ host: '127.0.0.1', port, storeDir, syncInterval, httpMonitorPort: monitor }));
  server = await startNatsServer({ configPath, logFile: join(dir, `sync-${syncInterval}.log`), binary });
  return { port, monitor };
}

async function jetStreamConfig(monitor: number): Promise<JetStreamVarz> {
  const varz = (await (await fetch(`http://127.0.0.1:${monitor}/varz`)).json()) as { jetstream: { config: JetStreamVarz } };
  return varz.jetstream.config;
}

describe('DEW_NATS_SYNC on a nats-server that has sync_interval', () => {
  it('the server DEW would run accepts the setting (DEW refuses it only on older ones)', () => {
    expect(syncIntervalRefusal('always', natsServerVersion(binary))).toBeNull();
  });

  it('"always": the server reports sync_always, and every message it acked before a SIGKILL is in the stream after a restart on the same store', async () => {
    const storeDir = join(dir, 'store-always');
    const { port, monitor } = await start('always', storeDir);
    expect(await jetStreamConfig(monitor)).toMatchObject({ sync_always: true });

    const nc = await connect({ servers: `127.0.0.1:${port}`, reconnect: false });
    await (await jetstreamManager(nc)).streams.add({ name: 'DURABLE', subjects: ['durable.>'] });
    const js = jetstream(nc);
    const acked: number[] = [];
    for (let i = 0; i < 200; i++) acked.push((await js.publish(`durable.${i % 7}`, `m${i}`)).seq);
    await nc.close().catch(() => undefined);
    process.kill(server!.pid, 'SIGKILL');
    await server!.exited;
    server = undefined;

    const again = await start('always', storeDir);
    const nc2 = await connect({ servers: `127.0.0.1:${again.port}`, reconnect: false });
    const info = await (await jetstreamManager(nc2)).streams.info('DURABLE');
    expect({ messages: info.state.messages, last: info.state.last_seq }).toEqual({ messages: acked.length, last: acked[acked.length - 1] });
    await nc2.close();
  });

  it('an interval ("1s"): the server reports it as its sync interval, not sync_always', async () => {
    const { monitor } = await start('1s', join(dir, 'store-1s'));
    const config = await jetStreamConfig(monitor);
    expect({ interval: config.sync_interval, always: config.sync_always ?? false }).toEqual({ interval: 1_000_000_000, always: false });
  });
});

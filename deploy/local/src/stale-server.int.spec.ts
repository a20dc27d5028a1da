import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, isProcessAlive, renderNatsConfig } from '@dew/nats-server';
import { stopStaleNatsServer } from './stale-server.js';

// The runner's nats-server dies with the runner (setpriv --pdeathsig); one left anyway (a runner
// killed between fork and exec, a server started by hand on the data dir) is what this stops.
let dir: string;
let leftOver: ChildProcess | undefined;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'dew-stale-')); });
afterEach(async () => {
  const server = leftOver;
  leftOver = undefined;
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
});

async function serverOnDataDir(): Promise<{ configPath: string; pidFile: string; exited: Promise<unknown> }> {
  const configPath = join(dir, 'nats.conf');
  const pidFile = join(dir, 'nats-server.pid');
  await writeFile(configPath, renderNatsConfig({ host: '127.0.0.1', port: await findFreePort(), storeDir: join(dir, 'store'), pidFile }));
  const server = spawn('nats-server', ['-c', configPath], { stdio: 'ignore' });
  leftOver = server;
  const failed = new Promise<never>((_, reject) => server.once('error', reject));
  const exited = new Promise((r) => server.once('exit', r));
  const written = (async () => {
    for (let i = 0; i < 200 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    if (!existsSync(pidFile)) throw new Error('nats-server wrote no pid file within 10 s');
  })();
  await Promise.race([written, failed]);
  return { configPath, pidFile, exited };
}

test('stopStaleNatsServer with a pid file naming a nats-server of this config stops it', async () => {
  const { configPath, pidFile, exited } = await serverOnDataDir();
  expect(await stopStaleNatsServer(pidFile, configPath)).toBe(true);
  // It waits for the end (SIGTERM, SIGKILL after 10 s): the process is gone by the time it returns
  // (a zombie not yet reaped counts as gone; Node reports the exit on a later turn of its loop).
  expect(isProcessAlive(leftOver!.pid!)).toBe(false);
  await exited;
});

test('stopStaleNatsServer with a pid file naming a process of another config leaves that process running', async () => {
  const { pidFile } = await serverOnDataDir();
  expect(await stopStaleNatsServer(pidFile, join(dir, 'another.conf'))).toBe(false);
  expect(leftOver!.exitCode).toBeNull();
  expect(leftOver!.signalCode).toBeNull();
});

test('stopStaleNatsServer without a pid file stops nothing', async () => {
  expect(await stopStaleNatsServer(join(dir, 'nats-server.pid'), join(dir, 'nats.conf'))).toBe(false);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, renderNatsConfig } from '@dew/nats-server';
import { stopStaleNatsServer } from './stale-server.js';

// The runner's nats-server dies with the runner (setpriv --pdeathsig); one left anyway (a runner
// killed between fork and exec, a server started by hand on the data dir) is what this stops.
let dir: string;
let leftOver: ChildProcess | undefined;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'dew-stale-')); });
afterEach(async () => {
  if (leftOver?.exitCode === null && leftOver.signalCode === null) leftOver.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

async function serverOnDataDir(): Promise<{ configPath: string; pidFile: string; exited: Promise<unknown> }> {
  const configPath = join(dir, 'nats.conf');
  const pidFile = join(dir, 'nats-server.pid');
  await writeFile(configPath, renderNatsConfig({ host: '127.0.0.1', port: await findFreePort(), storeDir: join(dir, 'store'), pidFile }));
  leftOver = spawn('nats-server', ['-c', configPath], { stdio: 'ignore' });
  const exited = new Promise((r) => leftOver!.once('exit', r));
  for (let i = 0; i < 100 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
  return { configPath, pidFile, exited };
}

test('stopStaleNatsServer with a pid file naming a nats-server of this config stops it and removes the pid file', async () => {
  const { configPath, pidFile, exited } = await serverOnDataDir();
  expect(await stopStaleNatsServer(pidFile, configPath)).toBe(true);
  await exited;
  expect(leftOver!.exitCode !== null || leftOver!.signalCode !== null).toBe(true);
  expect(existsSync(pidFile)).toBe(false);
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

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { renderNatsConfig } from './config.js';
import { findFreePort } from './port.js';
import { isProcessAlive as isAlive, startNatsServer } from './process.js';

const binary = '/usr/sbin/nats-server';


describe('startNatsServer', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'dew-nats-server-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  async function writeConfig(users?: Parameters<typeof renderNatsConfig>[0]['users']): Promise<{ configPath: string; port: number }> {
    const port = await findFreePort();
    const configPath = join(dir, 'nats.conf');
    await writeFile(configPath, renderNatsConfig({ host: '127.0.0.1', port, storeDir: join(dir, 'store'), users }));
    return { configPath, port };
  }

  it('with a rendered config resolves once clients can connect, and stop() ends the process with SIGTERM', async () => {
    const { configPath, port } = await writeConfig();
    const logFile = join(dir, 'nats.log');
    const server = await startNatsServer({ configPath, logFile, binary });
    expect(server.port).toBe(port);
    expect(server.host).toBe('127.0.0.1');
    const nc = await connect({ servers: `127.0.0.1:${port}` });
    await nc.flush();
    await nc.close();
    await server.stop();
    // nats-server 2.9 shuts down gracefully on SIGTERM but exits with status 1.
    expect(await server.exited).toBe(1);
    const log = await readFile(logFile, 'utf8');
    expect(log).toContain('Server is ready');
    expect(log).toContain('Server Exiting');
  });

  it('with users and a password full of config syntax lets that user in with that exact password', async () => {
    const password = 'a"b\\c$d#e f\n';
    const { configPath, port } = await writeConfig([{ user: 'svc', password, publish: { allow: ['x.>'] } }]);
    const server = await startNatsServer({ configPath, binary });
    try {
      const nc = await connect({ servers: `127.0.0.1:${port}`, user: 'svc', pass: password });
      await nc.close();
      await expect(connect({ servers: `127.0.0.1:${port}`, user: 'svc', pass: 'other', maxReconnectAttempts: 0 }))
        .rejects.toThrow(/Authorization Violation/);
    } finally {
      await server.stop();
    }
  });

  it('with an invalid config rejects with the exit code and the server output', async () => {
    const configPath = join(dir, 'bad.conf');
    await writeFile(configPath, 'port: "not a port"\n');
    await expect(startNatsServer({ configPath, binary })).rejects.toThrow(/exited with code 1 before accepting connections; last output:\n.*bad\.conf:1:0/s);
  });

  it('with a missing binary rejects naming the binary', async () => {
    const { configPath } = await writeConfig();
    await expect(startNatsServer({ configPath, binary: join(dir, 'no-such-nats-server') }))
      .rejects.toThrow(/no-such-nats-server .*could not be started: spawn .*ENOENT/);
  });

  it('when the process that started it is killed with SIGKILL (no exit hook runs) the server stops by itself and frees its port', async () => {
    const { configPath, port } = await writeConfig();
    const dist = new URL('../dist/process.js', import.meta.url).href;
    const starter = spawn(process.execPath, ['--input-type=module', '-e',
      `const { startNatsServer } = await import(${JSON.stringify(dist)}); const s = await startNatsServer({ configPath: ${JSON.stringify(configPath)}, binary: ${JSON.stringify(binary)} }); console.log(s.pid); setInterval(() => {}, 1000);`,
    ], { stdio: ['ignore', 'pipe', 'inherit'] });
    const serverPid = Number(await new Promise<string>((resolve) => starter.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()))));
    try {
      expect(isAlive(serverPid)).toBe(true);
      starter.kill('SIGKILL');
      for (let i = 0; i < 100 && isAlive(serverPid); i++) await new Promise((r) => setTimeout(r, 100));
      expect(isAlive(serverPid)).toBe(false);
      await expect(new Promise((resolve, reject) => {
        const s = tcpConnect({ host: '127.0.0.1', port }, () => { s.destroy(); resolve('accepted'); }).once('error', reject);
      })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      starter.kill('SIGKILL');
      if (isAlive(serverPid)) process.kill(serverPid, 'SIGKILL');
    }
  }, 20_000);

  it('with its port already taken rejects instead of reporting the other listener as ready', async () => {
    const { configPath, port } = await writeConfig();
    const first = await startNatsServer({ configPath, binary });
    try {
      await expect(startNatsServer({ configPath, binary })).rejects.toThrow(/exited with code 1 .*address already in use/s);
      await new Promise<void>((resolve, reject) => {
        const s = tcpConnect({ host: '127.0.0.1', port }, () => { s.destroy(); resolve(); }).once('error', reject);
      });
    } finally {
      await first.stop();
    }
  });
});

describe('findFreePort', () => {
  it('returns a port that can be bound on loopback', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
  });
});

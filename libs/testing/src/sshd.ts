import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { acceptsConnections, findFreePort } from '@dew/nats-server';
import { runToolOrThrow } from './run-tool.js';
import { CONFIG_FILE, DIR_PREFIX, OWNER_TAG, PID_FILE, USER_PREFIX, removeUsersOfEndedRuns } from './sshd-leftovers.js';

/** A real OpenSSH server on loopback with a throwaway login user; see startSshd. */
export interface TestSshd {
  readonly host: string;
  readonly port: number;
  /** Has uid 0, so it may edit sshd's configuration and reload it, as root would on a server. */
  readonly user: string;
  readonly password: string;
  readonly home: string;
  readonly configPath: string;
  readonly pidFile: string;
  /** The current host key, "type base64". */
  readonly hostKey: string;
  /** The login user's ~/.ssh/authorized_keys ("" when there is none). */
  authorizedKeys(): Promise<string>;
  /** Replaces the host key with a new one and restarts sshd on the same port. */
  rotateHostKey(): Promise<void>;
  /** Stops sshd, deletes the user and the temp dir; idempotent. */
  stop(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const TAIL_CHARS = 4096;

interface Server {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

interface Resources {
  readonly dir: string;
  readonly user: string;
  server?: Server;
  userCreated: boolean;
}

// What a crashed test must not leave behind: an sshd, a uid-0 account with a password, the dir.
const live = new Set<Resources>();
let exitHookInstalled = false;

/**
 * Starts sshd in the foreground on a free loopback port, with its own host key, configuration and
 * pid file in a private temp dir, and a new login user (uid 0, home in the temp dir, random
 * password) who alone may log in. The machine's own users and ~/.ssh are never touched.
 */
export async function startSshd(): Promise<TestSshd> {
  installExitHook();
  removeUsersOfEndedRuns();
  // sshd's privilege-separation dir; sshd refuses to start without it.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = await mkdtemp(join(tmpdir(), DIR_PREFIX));
  const res: Resources = { dir, user: `${USER_PREFIX}${randomBytes(4).toString('hex')}`, userCreated: false };
  live.add(res);
  const password = randomBytes(18).toString('base64url');
  const home = join(dir, 'home');
  const configPath = join(dir, CONFIG_FILE);
  const pidFile = join(dir, PID_FILE);
  const hostKeyPath = join(dir, 'ssh_host_ed25519_key');
  let hostKey: string;
  let port: number;
  try {
    await mkdir(home, { mode: 0o700 });
    hostKey = await makeHostKey(hostKeyPath);
    port = await findFreePort(HOST);
    await writeFile(configPath, renderConfig({ port, hostKeyPath, pidFile, user: res.user }));
    await runToolOrThrow('useradd', ['-o', '-u', '0', '-g', '0', '-M', '-d', home, '-s', '/bin/sh', '-c', `${OWNER_TAG}${process.pid}`, res.user]);
    res.userCreated = true;
    await runToolOrThrow('chpasswd', [], `${res.user}:${password}\n`);
    res.server = await launch(configPath, port, pidFile);
  } catch (err) {
    await release(res);
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    host: HOST,
    port,
    user: res.user,
    password,
    home,
    configPath,
    pidFile,
    get hostKey() {
      return hostKey;
    },
    async authorizedKeys() {
      return readFile(join(home, '.ssh', 'authorized_keys'), 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return '';
        throw err;
      });
    },
    async rotateHostKey() {
      if (res.server) await terminate(res.server);
      res.server = undefined;
      await rm(hostKeyPath, { force: true });
      await rm(`${hostKeyPath}.pub`, { force: true });
      hostKey = await makeHostKey(hostKeyPath);
      res.server = await launch(configPath, port, pidFile);
    },
    stop() {
      stopping ??= release(res);
      return stopping;
    },
  };
}

function renderConfig(c: { port: number; hostKeyPath: string; pidFile: string; user: string }): string {
  return [
    `ListenAddress ${HOST}:${c.port}`,
    `HostKey "${c.hostKeyPath}"`,
    `PidFile "${c.pidFile}"`,
    `AllowUsers ${c.user}`,
    'PermitRootLogin yes',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitEmptyPasswords no',
    'UsePAM no',
    'StrictModes yes',
    'AuthorizedKeysFile .ssh/authorized_keys',
    '',
  ].join('\n');
}

async function makeHostKey(path: string): Promise<string> {
  await runToolOrThrow('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', path]);
  const [type, base64] = (await readFile(`${path}.pub`, 'utf8')).trim().split(/\s+/);
  return `${type} ${base64}`;
}

async function launch(configPath: string, port: number, pidFile: string): Promise<Server> {
  // An absolute path: sshd re-executes itself for every connection and on SIGHUP.
  const child = spawn(SSHD, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let tail = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (tail = (tail + chunk).slice(-TAIL_CHARS)));
  let ended = false;
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  void exited.then(() => (ended = true));
  child.once('error', () => (ended = true));

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await acceptsConnections(HOST, port)) || (await pidIn(pidFile)) !== child.pid) {
    if (ended) throw new Error(`sshd -f ${configPath} ended before accepting connections:\n${tail}`);
    if (Date.now() > deadline) {
      await terminate({ child, exited });
      throw new Error(`sshd -f ${configPath} did not accept connections within ${START_TIMEOUT_MS} ms:\n${tail}`);
    }
    await sleep(25);
  }
  return { child, exited };
}

async function pidIn(pidFile: string): Promise<number | undefined> {
  const text = await readFile(pidFile, 'utf8').catch(() => '');
  return text.trim() === '' ? undefined : Number(text.trim());
}

async function terminate(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await server.exited;
  clearTimeout(timer);
}

async function release(res: Resources): Promise<void> {
  if (res.server) await terminate(res.server);
  releaseNow(res);
}

// Synchronous so the process's exit hook can run it too.
function releaseNow(res: Resources): void {
  res.server?.child.kill('SIGKILL');
  res.server = undefined;
  // -f: userdel refuses a user whose uid has processes, and uid 0 always has some.
  if (res.userCreated) spawnSync('userdel', ['-f', res.user], { stdio: 'ignore' });
  res.userCreated = false;
  rmSync(res.dir, { recursive: true, force: true });
  live.delete(res);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const res of live) releaseNow(res);
  });
}

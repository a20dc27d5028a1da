import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, createWriteStream, readFileSync, statSync, type WriteStream } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { acceptsConnections } from './port.js';

export interface StartNatsServerOptions {
  /** Must leave logging on stdout/stderr (no `log_file`): readiness is read from the listen line. */
  readonly configPath: string;
  /** Server output (stdout and stderr) is appended here; otherwise only a short tail is kept for errors. */
  readonly logFile?: string;
  readonly binary?: string;
  readonly readyTimeoutMs?: number;
  /** The server's environment (a config's `$VAR` references read it); this process's when absent. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface NatsServerProcess {
  readonly pid: number;
  /** Address the server reported for client connections (wildcard binds mapped to loopback). */
  readonly host: string;
  readonly port: number;
  /** Exit code, or null when a signal ended the process. */
  readonly exited: Promise<number | null>;
  /** The signal that ended the process (once `exited` has resolved), or null. */
  readonly exitSignal: NodeJS.Signals | null;
  /** SIGTERM (graceful; nats-server 2.9 then exits with status 1), SIGKILL if still running after 5 s. */
  stop(): Promise<void>;
}

const TAIL_BYTES = 8192;
const KILL_AFTER_MS = 5000;
const POLL_MS = 50;
const LISTEN_LINE = /Listening for client connections on (\S+)/;

// A crashed test run or runner must not leave servers behind holding ports and store dirs.
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of live) c.kill('SIGKILL');
    });
  }
  live.add(child);
}

export async function startNatsServer(opts: StartNatsServerOptions): Promise<NatsServerProcess> {
  const binary = opts.binary ?? 'nats-server';
  const timeoutMs = opts.readyTimeoutMs ?? 10_000;
  const describe = (): string => `nats-server (${binary} -c ${opts.configPath})`;
  const executable = findExecutable(binary, opts.env ?? process.env);
  if (executable === undefined) throw new Error(`${describe()} could not be started: spawn ${binary} ENOENT`);
  // The server dies with whoever started it: an orphan would hold the port and the store, or
  // outlive its removed data dir. Without setpriv, the exit hook below is all there is.
  const [command, ...args] = withParentDeathSignal([executable, '-c', opts.configPath]);
  const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(opts.env ? { env: opts.env } : {}) });
  track(child);

  const log: WriteStream | undefined = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
  let tail = '';
  let address: { host: string; port: number } | undefined;
  const onOutput = (chunk: Buffer): void => {
    log?.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
    if (address === undefined) {
      const m = LISTEN_LINE.exec(tail);
      if (m?.[1] !== undefined) address = parseAddress(m[1]);
    }
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);

  let exitCode: number | null | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (err) => {
      spawnError = err;
      if (child.pid === undefined) finish(null);
    });
    child.once('close', (code) => finish(code));
    function finish(code: number | null): void {
      if (exitCode !== undefined) return;
      exitCode = code;
      live.delete(child);
      if (log) log.end(() => resolve(code));
      else resolve(code);
    }
  });

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError !== undefined && child.pid === undefined) {
      throw new Error(`${describe()} could not be started: ${spawnError.message}`, { cause: spawnError });
    }
    if (exitCode !== undefined) {
      throw new Error(`${describe()} exited with code ${exitCode} before accepting connections; last output:\n${tail}`);
    }
    if (address !== undefined && (await acceptsConnections(address.host, address.port))) break;
    if (Date.now() >= deadline) {
      await kill(child, exited);
      throw new Error(`${describe()} did not accept connections within ${timeoutMs} ms; last output:\n${tail}`);
    }
    await sleep(POLL_MS);
  }

  const pid = child.pid;
  if (pid === undefined) throw new Error(`${describe()} has no pid`);
  const { host, port } = address;
  return {
    pid,
    host,
    port,
    exited,
    get exitSignal() {
      return child.signalCode;
    },
    stop: () => kill(child, exited),
  };
}

async function kill(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    await exited;
    return;
  }
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const forced = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, KILL_AFTER_MS);
  });
  await Promise.race([exited, forced]);
  clearTimeout(timer);
  await exited;
}

function parseAddress(hostPort: string): { host: string; port: number } {
  const idx = hostPort.lastIndexOf(':');
  let host = hostPort.slice(0, idx).replace(/^\[(.*)\]$/, '$1');
  if (host === '0.0.0.0' || host === '') host = '127.0.0.1';
  if (host === '::') host = '::1';
  return { host, port: Number(hostPort.slice(idx + 1)) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The binary's path as a shell would find it (a name is looked up on PATH), when it is an executable file. */
function findExecutable(binary: string, env: NodeJS.ProcessEnv): string | undefined {
  // Without PATH, the directories libuv itself would search; each resolved, so what runs is what was checked.
  const candidates = binary.includes('/') ? [resolve(binary)]
    : (env['PATH'] ?? '/usr/bin:/bin').split(delimiter).filter((d) => d !== '').map((d) => resolve(join(d, binary)));
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}

let setprivPath: string | null | undefined;

/**
 * `argv` to run under setpriv's parent-death signal, so the program ends with whoever started it,
 * even one killed with SIGKILL (no exit hook runs then); setpriv execs it, so the pid stays the
 * program's. Unchanged where setpriv is missing (util-linux is essential on Debian).
 */
export function withParentDeathSignal(argv: readonly string[], signal: 'TERM' | 'KILL' = 'TERM'): string[] {
  if (setprivPath === undefined) setprivPath = findExecutable('setpriv', process.env) ?? null;
  return setprivPath === null ? [...argv] : [setprivPath, '--pdeathsig', signal, '--', ...argv];
}

/**
 * Whether a process with this pid runs: one of another user counts (it cannot be signalled, yet it
 * runs); a zombie does not (it has exited, and only waits for a parent that may never reap it).
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // The state follows the command name in parentheses, which may itself hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat[stat.lastIndexOf(')') + 2];
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc to ask: the signal said it exists
  }
}

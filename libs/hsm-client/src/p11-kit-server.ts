import { spawn, type ChildProcess } from 'node:child_process';
import { requireUnixSocketPath, unixSocketAccepts } from './unix-socket.js';

export interface P11KitServerOptions {
  /** Unix socket p11-kit server listens on; it must lie in a directory only the node can enter. */
  readonly socketPath: string;
  /** The PKCS#11 module it serves (SoftHSM2) and the SOFTHSM2_CONF of its token (SoftHSM's default when absent). */
  readonly provider: string;
  readonly softhsmConf?: string;
  readonly tokenLabel: string;
  readonly readyTimeoutMs?: number;
}

/**
 * `p11-kit server` over one token (an HSM node's application token, docs/hsm-appliance.md
 * "PKCS#11"; the root key's token under `make run`, docs/architecture.md "Where the key's bytes are"): it forks one
 * `p11-kit-remote` per connection to its socket, each a PKCS#11 session of its own. Started under
 * `setpriv --pdeathsig KILL`, so the kernel kills it when the node dies, even by SIGKILL; its
 * per-connection children end when the node's side of their connection closes.
 */
export class P11KitServer {
  /** How the process ended, whoever ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(o: P11KitServerOptions): Promise<P11KitServer> {
    requireUnixSocketPath(o.socketPath, 'the p11-kit server socket path');
    const child = spawn('setpriv', [
      '--pdeathsig', 'KILL', '--',
      'p11-kit', 'server', '--foreground', '--provider', o.provider, '--name', o.socketPath, `pkcs11:token=${encodeURIComponent(o.tokenLabel)}`,
    ], {
      // Only what p11-kit and SoftHSM need, nothing else of the caller's environment (no PIN).
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...(o.softhsmConf ? { SOFTHSM2_CONF: o.softhsmConf } : {}) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-1000); });
    const server = new P11KitServer(child);
    try {
      await waitUntilServing(child, o.socketPath, o.readyTimeoutMs ?? 5000);
    } catch (err) {
      await server.stop();
      throw new Error(`p11-kit server did not start: ${(err as Error).message}${stderr ? `; it said: ${stderr.trim()}` : ''}`);
    }
    return server;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** SIGTERM (p11-kit removes its socket), SIGKILL after 2 s. */
  async stop(): Promise<void> {
    const c = this.child;
    if (c.pid === undefined || c.exitCode !== null || c.signalCode !== null) return;
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 2000);
    await this.exited;
    clearTimeout(timer);
  }
}

async function waitUntilServing(child: ChildProcess, socketPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let spawnError: Error | undefined;
  child.once('error', (err) => { spawnError = err; });
  for (;;) {
    if (spawnError) throw spawnError;
    if (child.exitCode !== null) throw new Error(`it exited with status ${child.exitCode}`);
    if (await unixSocketAccepts(socketPath)) return;
    if (Date.now() > deadline) throw new Error(`its socket accepted no connection within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

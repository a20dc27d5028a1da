import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import ssh2 from 'ssh2';
import { runTool } from './run-tool.js';
import type { TestSshd } from './sshd.js';

type Server = Pick<TestSshd, 'host' | 'port' | 'user'>;
type Attempt = boolean | 'refused';

// sshd closes its port while it re-executes itself on SIGHUP; a refused connection then says
// nothing about the credential, so the attempt is repeated for a while.
const RETRY_REFUSED_FOR_MS = 5_000;

/**
 * Whether the real `ssh` client logs in as the server's user with `privateKey` (and nothing else:
 * no agent, no other identity, no password). Throws when the server cannot be reached at all.
 */
export async function loginWithKey(server: Server, privateKey: string): Promise<boolean> {
  const dir = await mkdtemp(join(tmpdir(), 'dew-ssh-login-'));
  try {
    const keyFile = join(dir, 'id');
    await writeFile(keyFile, privateKey.endsWith('\n') ? privateKey : `${privateKey}\n`, { mode: 0o600 });
    const args = [
      '-F', '/dev/null', '-i', keyFile, '-p', String(server.port),
      '-o', 'BatchMode=yes', '-o', 'PasswordAuthentication=no', '-o', 'KbdInteractiveAuthentication=no',
      '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none',
      '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
      '-o', 'ConnectTimeout=5', '-o', 'LogLevel=ERROR',
      `${server.user}@${server.host}`, 'true',
    ];
    return await retryWhileRefused(async () => {
      const result = await runTool('ssh', args);
      if (result.code === 0) return true;
      if (result.stderr.includes('Permission denied')) return false;
      if (result.stderr.includes('Connection refused')) return 'refused';
      throw new Error(`ssh to ${server.host}:${server.port} failed (exit ${result.code}): ${result.stderr.trim()}`);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether an SSH client (ssh2) logs in as the server's user with `password` alone. */
export function loginWithPassword(server: Server, password: string): Promise<boolean> {
  return retryWhileRefused(
    () =>
      new Promise<Attempt>((resolve, reject) => {
        const client = new ssh2.Client();
        client.once('ready', () => {
          client.end();
          resolve(true);
        });
        client.once('error', (err: Error & { level?: string; code?: string }) => {
          client.end();
          if (err.level === 'client-authentication') resolve(false);
          else if (err.code === 'ECONNREFUSED') resolve('refused');
          else reject(new Error(`SSH login to ${server.host}:${server.port} failed: ${err.message}`));
        });
        client.connect({ host: server.host, port: server.port, username: server.user, password, tryKeyboard: false, readyTimeout: 5_000 });
      }),
  );
}

async function retryWhileRefused(attempt: () => Promise<Attempt>): Promise<boolean> {
  const deadline = Date.now() + RETRY_REFUSED_FOR_MS;
  for (;;) {
    const result = await attempt();
    if (result !== 'refused') return result;
    if (Date.now() > deadline) throw new Error(`the SSH server refused connections for ${RETRY_REFUSED_FOR_MS} ms`);
    await sleep(50);
  }
}

import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

// How a test sshd's user and files are named (sshd.ts), so that what a killed run left is found.
export const USER_PREFIX = 'dewkps';
export const DIR_PREFIX = 'dew-sshd-';
/** Written into the user's GECOS field, so a later run can delete users whose run was killed. */
export const OWNER_TAG = 'dew test sshd of pid ';
export const CONFIG_FILE = 'sshd_config';
export const PID_FILE = 'sshd.pid';

// A run killed outright (SIGKILL) runs no exit hook; its users would stay, uid 0 with a password.
export function removeUsersOfEndedRuns(): void {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [name, , , , gecos, home] = line.split(':');
    if (!name?.startsWith(USER_PREFIX) || !gecos?.startsWith(OWNER_TAG) || home === undefined) continue;
    if (isRunning(Number(gecos.slice(OWNER_TAG.length)))) continue;
    spawnSync('userdel', ['-f', name], { stdio: 'ignore' });
    const dir = dirname(home);
    if (dirname(dir) !== tmpdir() || !basename(dir).startsWith(DIR_PREFIX)) continue;
    stopOrphanSshd(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

// The sshd of a killed run outlives it, still listening. Its pid file may be stale and the pid
// reused, so only a process whose command line names this dir's configuration is signalled
// (sshd rewrites its command line as one title, "sshd: /usr/sbin/sshd -D -e -f <config> …").
function stopOrphanSshd(dir: string): void {
  try {
    const pid = Number(readFileSync(join(dir, PID_FILE), 'utf8').trim());
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(join(dir, CONFIG_FILE))) process.kill(pid, 'SIGTERM');
  } catch {
    // No pid file, or no such process: nothing is left running.
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

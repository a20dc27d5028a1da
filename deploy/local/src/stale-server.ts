import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isProcessAlive as isAlive } from '@dew/nats-server';


/**
 * Stops a nats-server left running on this data dir, so a new start gets the port and the store.
 * A killed runner's server normally stops with it (parent-death signal, docs/architecture.md
 * "Supervision"); this covers one that did not. Only a process whose command line names this data
 * dir's config file is touched.
 */
export async function stopStaleNatsServer(pidFile: string, configPath: string): Promise<boolean> {
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) return false;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return false;
  }
  if (!cmdline.includes('nats-server') || !cmdline.includes(configPath)) return false;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false; // another user's process: not ours to stop (its port then refuses this start)
  }
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}

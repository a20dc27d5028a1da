import { commandFailed } from './remote-file.js';
import { RELOAD_SSHD, shCommand, EXIT_CONFIG_INVALID } from './remote-scripts.js';
import type { SshSession } from './ssh-session.js';

/** Makes the running sshd read `configPath` again, once `sshd -t` accepts it. */
export async function reloadSshd(session: SshSession, configPath: string, pidFile: string): Promise<void> {
  const result = await session.exec(shCommand(RELOAD_SSHD), Buffer.from(`${configPath}\n${pidFile}\n`, 'utf8'));
  if (result.code === 0) return;
  const what = result.code === EXIT_CONFIG_INVALID
    ? `sshd -t refused ${configPath} on ${session.where}; sshd was not reloaded`
    : `could not reload sshd (pid file ${pidFile}) on ${session.where}`;
  throw commandFailed(session, what, result);
}

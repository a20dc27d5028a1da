import { commandFailed } from './remote-file.js';
import { EXIT_CONFIG_INVALID, EXIT_NOT_BACK, EXIT_NOT_SSHD, RELOAD_SSHD, shCommand } from './remote-scripts.js';
import type { SshSession } from './ssh-session.js';

/**
 * Makes the running sshd read `configPath` again, once `sshd -t` accepts it, and returns when
 * sshd serves with it.
 */
export async function reloadSshd(session: SshSession, configPath: string, pidFile: string): Promise<void> {
  const result = await session.exec(shCommand(RELOAD_SSHD), Buffer.from(`${configPath}\n${pidFile}\n`, 'utf8'));
  if (result.code === 0) return;
  throw commandFailed(session, whatFailed(result.code, session.where, configPath, pidFile), result);
}

function whatFailed(code: number | null, where: string, configPath: string, pidFile: string): string {
  if (code === EXIT_CONFIG_INVALID) return `sshd -t refused ${configPath} on ${where}; sshd was not reloaded`;
  if (code === EXIT_NOT_SSHD) return `${pidFile} on ${where} names a process that is not sshd; nothing was signalled`;
  if (code === EXIT_NOT_BACK) return `sshd on ${where} did not write ${pidFile} again after reloading`;
  return `could not reload sshd (pid file ${pidFile}) on ${where}`;
}

import { exitAfter } from './stop-on-signals.js';

const GRACE_MS = 10_000;

/**
 * A service started by the local runner stops when the runner is gone, even if it was killed with
 * SIGKILL and could not stop its children: the runner holds the write end of the service's stdin,
 * so the service sees end-of-file. Only when the runner asks for it (`DEW_EXIT_WITH_PARENT=1`);
 * in Kubernetes the orchestrator owns the process.
 */
export function exitWithParent(env: NodeJS.ProcessEnv, close: () => Promise<void>): void {
  if (env.DEW_EXIT_WITH_PARENT !== '1') return;
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    exitAfter(close, GRACE_MS, 'stopping as the runner is gone');
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}

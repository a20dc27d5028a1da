import { readdirSync, readFileSync } from 'node:fs';

// Kept free of relative imports: jest loads global hooks with a plain `require` (secrets-scan.ts).

/** The processes whose parent is `pid`, with their command lines, as /proc shows them now. */
export function childrenOf(pid: number): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // A zombie has exited already: its parent reaps it, nothing holds a pipe open.
      if (fields[0] === 'Z' || Number(fields[1]) !== pid) continue;
      found.push({ pid: Number(entry), cmd: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim().slice(0, 200) });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * Jest globalTeardown of the integration tests: a spec that left a child process running (a
 * fixture that failed half-way, a stop never called) would keep Jest from exiting, and CI would
 * hang until its own time limit. Each one is named on stderr, so the leak stays visible, and
 * killed, so the run ends with the tests' own verdict.
 */
export default function stopLeftoverProcesses(): void {
  const left = childrenOf(process.pid);
  if (left.length === 0) return;
  process.stderr.write(`\nleft running by the tests, now killed (a spec did not stop what it started):\n${left.map((p) => `  pid ${p.pid}: ${p.cmd}`).join('\n')}\n`);
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
}

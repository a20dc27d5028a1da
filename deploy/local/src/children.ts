import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';

export interface Child {
  readonly name: string;
  readonly logFile: string;
  /** Exit code, or null when a signal ended the process. */
  readonly exited: Promise<number | null>;
  /** The signal that ended the process (once `exited` has resolved), or null. */
  readonly exitSignal: NodeJS.Signals | null;
  stop(): Promise<void>;
}

const KILL_AFTER_MS = 10_000;

/**
 * The services' V8 heap policy (docs/performance.md, "Memory, round 2"); deploy/Dockerfile starts
 * them the same way. A young generation of 8 MiB semi-spaces (16 MiB in all) instead of Node's 16
 * (32): under load it sat at its maximum, mostly garbage. The old generation collected once it
 * has grown by half over what the last collection left, instead of V8's factor of up to 4 on a
 * machine with much memory: kms's old generation held twice its live objects in garbage. Neither
 * caps the heap. The gateway keeps Node's defaults: it holds no state that grows, and it is where
 * the policy cost CPU per request (≈ +19 % there, within the noise in kms).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--heap-growing-percent=50'];

/** The V8 flags a process of the runner runs under (see SERVICE_NODE_FLAGS); `name` may be a replica's (`gateway#2`). */
export const nodeFlagsOf = (name: string): readonly string[] => (name.split('#')[0] === 'gateway' ? [] : SERVICE_NODE_FLAGS);

/** A DEW service process; its output is appended to its own log file under the data dir. */
export function startNodeProcess(name: string, script: string, env: NodeJS.ProcessEnv, logFile: string, echo: boolean, cpuProfileDir?: string): Child {
  // `make bench-profile` (DEW_CPU_PROFILE_DIR): V8 writes <name>.cpuprofile when the service exits.
  const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  // stdin stays open and unused: when this process dies, even by SIGKILL, the child sees its end.
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', ...nodeFlagsOf(name), ...profile, script], { env: { ...env, DEW_EXIT_WITH_PARENT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (echo) process.stderr.write(chunk);
    });
  }
  child.once('close', () => log.end());
  const killWithRunner = (): void => void child.kill('SIGKILL');
  process.once('exit', killWithRunner);
  // A restarted service is a new child: the hook of the one that exited must not pile up.
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', killWithRunner);
      resolve(code);
    }),
  );
  return {
    name,
    logFile,
    exited,
    get exitSignal() {
      return child.signalCode;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

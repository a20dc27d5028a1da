import { appendFileSync } from 'node:fs';
import { RestartBackoff } from '@dew/nats-server';
import { tail } from './children.js';

/** What the supervisor needs of a process it keeps running (a service, nats-server). */
export interface SupervisedProcess {
  /** Exit code, or null when a signal ended the process. */
  readonly exited: Promise<number | null>;
  readonly exitSignal: NodeJS.Signals | null;
  stop(): Promise<void>;
}

/** Starts the process; `restarts` is how often it was restarted before (0 on the first start). */
export type Launch = (restarts: number) => Promise<SupervisedProcess>;

/** Why the system has to stop: a process exited while the system started, or crash-looped after. */
export interface SupervisionFailure {
  readonly name: string;
  readonly reason: string;
  readonly logFile: string;
  /** The process's last log lines (the restart notes among them). */
  readonly lastLogLines: string;
}

/** This many crashes of one process within the window stop the system (docs/architecture.md, "Supervision"). */
export const CRASH_LOOP = { crashes: 5, windowMs: 60_000 } as const;
const FIRST_RESTART_MS = 250;
const LONGEST_RESTART_MS = 5_000;

interface Unit {
  readonly name: string;
  readonly logFile: string;
  readonly launch: Launch;
}

/**
 * Keeps `make run`'s processes running (docs/architecture.md, "Supervision"). Until `arm()` (the
 * system starting) any exit fails the start; after it, a process that exits is restarted with
 * the same launch after a backoff, 250 ms doubling to 5 s and back to 250 ms once it stayed up a
 * minute, and a process that crashed CRASH_LOOP.crashes times within the window fails the system.
 * Once `stop()` was called no exit is taken for a crash.
 */
export class Supervisor {
  readonly #backoff = new RestartBackoff(FIRST_RESTART_MS, LONGEST_RESTART_MS, CRASH_LOOP.windowMs);
  /** In start order (a restart keeps a process's place): stopped in reverse. */
  readonly #running = new Map<string, SupervisedProcess>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #restarting = new Set<Promise<void>>();
  #armed = false;
  #stopping = false;
  #failure: SupervisionFailure | undefined;
  #fail: (failure: SupervisionFailure) => void = () => undefined;
  /** Resolves with the first failure (never, when the system runs and stops cleanly). */
  readonly failed = new Promise<SupervisionFailure>((resolve) => (this.#fail = resolve));

  /** `report` gets one line per restart (the runner prints it). */
  constructor(private readonly report: (line: string) => void) {}

  get failure(): SupervisionFailure | undefined {
    return this.#failure;
  }

  /** The system is up: exits from now on are crashes to restart. */
  arm(): void {
    this.#armed = true;
  }

  async start(name: string, logFile: string, launch: Launch): Promise<void> {
    this.#watch({ name, logFile, launch }, await launch(0), 0);
  }

  /**
   * Stops the processes `which` selects (all by default), in reverse start order. From the call on
   * (synchronously) no exit is taken for a crash and no restart happens any more.
   */
  async stop(which: (name: string) => boolean = () => true): Promise<void> {
    this.#stopping = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.all(this.#restarting);
    for (const name of [...this.#running.keys()].reverse().filter(which)) {
      const proc = this.#running.get(name);
      this.#running.delete(name);
      await proc?.stop();
    }
  }

  #watch(unit: Unit, proc: SupervisedProcess, restarts: number): void {
    this.#running.set(unit.name, proc);
    void proc.exited.then((code) => {
      if (this.#stopping || this.#running.get(unit.name) !== proc) return;
      this.#running.delete(unit.name);
      this.#crashed(unit, describeExit(code, proc.exitSignal), restarts);
    });
  }

  #crashed(unit: Unit, how: string, restarts: number): void {
    if (!this.#armed) return this.#failWith(unit, how);
    const now = Date.now();
    const delayMs = this.#backoff.next(unit.name, now);
    const crashes = this.#backoff.recent(unit.name, now);
    if (crashes >= CRASH_LOOP.crashes) return this.#failWith(unit, `${how}: ${crashes} crashes within ${CRASH_LOOP.windowMs / 1000} s`);
    this.report(`${unit.name} ${how}; restarting it in ${delayMs} ms (restart ${restarts + 1})`);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      const restart = this.#restart(unit, how, restarts + 1);
      this.#restarting.add(restart);
      void restart.finally(() => this.#restarting.delete(restart));
    }, delayMs);
    this.#timers.add(timer);
  }

  async #restart(unit: Unit, how: string, restarts: number): Promise<void> {
    if (this.#stopping) return;
    appendFileSync(unit.logFile, `--- dew runner: ${unit.name} restarted (restart ${restarts}) after it ${how} ---\n`, { mode: 0o600 });
    let proc: SupervisedProcess;
    try {
      proc = await unit.launch(restarts);
    } catch (err) {
      if (!this.#stopping) this.#crashed(unit, `could not be started again (${(err as Error).message.split('\n')[0]})`, restarts);
      return;
    }
    if (this.#stopping) return proc.stop();
    this.#watch(unit, proc, restarts);
  }

  #failWith(unit: Unit, reason: string): void {
    if (this.#failure) return;
    this.#failure = { name: unit.name, reason, logFile: unit.logFile, lastLogLines: tail(unit.logFile) };
    this.#fail(this.#failure);
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

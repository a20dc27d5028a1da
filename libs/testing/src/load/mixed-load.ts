import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { MixedLoadOptions } from './mixed-load-options.js';

/** One line of mixed-load-process: an answered operation, or something it acknowledged. */
export interface LoadEntry {
  readonly t: number;
  readonly op?: string;
  readonly ok?: boolean;
  readonly status?: number | string;
  /** How long the call took. */
  readonly ms?: number;
  /** A refusal's error code and message (its start). */
  readonly code?: string;
  readonly message?: string;
  readonly acked?: 'key' | 'grant' | 'secret' | 'version' | 'keypair';
  readonly id?: string;
  readonly keyId?: string;
  readonly secret?: string;
  /** The secret's id, beside its name (`id`), for a secret acknowledged. */
  readonly secretId?: string;
  readonly done?: boolean;
}

export interface PhaseFigures {
  readonly phase: string;
  readonly ops: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly errorRate: number;
  /** Errors by "<operation> <status>". */
  readonly statuses: Record<string, number>;
}

/**
 * The process runs from the built package (it is a client of its own, started with node): under
 * jest this module is a source file, so the script is found in the package's dist beside src.
 */
function scriptPath(): string {
  return fileURLToPath(new URL('./mixed-load-process.js', import.meta.url)).replace(/\/src\/load\/mixed-load-process\.js$/, '/dist/load/mixed-load-process.js');
}

/**
 * The steady mixed load of the fault tests as a process of its own, and what it reported. Phases
 * are named windows of its reports: `untilOps` waits for a count of operations answered (a
 * condition, not a sleep).
 */
export class MixedLoad {
  readonly entries: LoadEntry[] = [];
  readonly #phases: Array<{ phase: string; from: number }> = [];
  readonly #waiters = new Set<() => void>();
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;

  constructor(opts: MixedLoadOptions) {
    this.#child = spawn(process.execPath, [scriptPath()], { env: { PATH: process.env.PATH ?? '', DEW_MIXED_LOAD: JSON.stringify(opts) }, stdio: ['pipe', 'pipe', 'inherit'] });
    this.#exited = new Promise((resolve) => this.#child.once('exit', () => resolve()));
    createInterface({ input: this.#child.stdout! }).on('line', (line) => {
      this.entries.push(JSON.parse(line) as LoadEntry);
      for (const wake of this.#waiters) wake();
    });
    process.once('exit', () => this.#child.kill('SIGKILL'));
  }

  phase(name: string): void {
    this.#phases.push({ phase: name, from: Date.now() });
  }

  get answered(): number {
    return this.entries.filter((e) => e.op !== undefined).length;
  }

  /** Waits until `n` more operations were answered (ok or not) from now. */
  async untilOps(n: number, timeoutMs = 60_000): Promise<void> {
    const target = this.answered + n;
    await this.#until(() => this.answered >= target, timeoutMs, () => `the load answered ${this.answered} of ${target} operations within ${timeoutMs} ms`);
  }

  /**
   * Waits until the load runs clean again after `since`: `n` operations in a row succeeded after
   * its last error (with `n` above a worker's round of operations, every kind still being called
   * is among them, so one kind failing on its own keeps the run from counting). Answers when the
   * first of them was sent: the time the system recovered at (ms since the epoch).
   */
  async recoveredAfter(since: number, n: number, timeoutMs = 120_000): Promise<number> {
    let at = 0;
    await this.#until(() => {
      const after = this.entries.filter((e) => e.op !== undefined && e.t >= since);
      const run = after.slice(after.findLastIndex((e) => !e.ok) + 1);
      if (run.length < n) return false;
      const first = run[0]!;
      at = first.t - (first.ms ?? 0);
      return true;
    }, timeoutMs, () => {
      const errors = this.entries.filter((e) => e.op !== undefined && e.t >= since && !e.ok);
      return `the load did not answer ${n} operations in a row without an error within ${timeoutMs} ms; its last errors: ${errors.slice(-5).map((e) => `${e.op} ${e.status} ${e.message ?? ''}`).join('; ')}`;
    });
    return Math.max(at, since);
  }

  /**
   * When the last error answered after `since` (and before `before`) came (ms since the epoch), or undefined: a fault's
   * errors may be answered after the load already runs clean again (a call the killed process
   * held, answered once it was found lost), so "recovered after" alone can read 0 s with errors.
   */
  lastErrorAfter(since: number, before = Infinity): number | undefined {
    return this.entries.findLast((e) => e.op !== undefined && e.t >= since && e.t < before && !e.ok)?.t;
  }

  async stop(): Promise<void> {
    this.#child.stdin?.end('stop\n');
    await this.#exited;
  }

  acked(kind: NonNullable<LoadEntry['acked']>): LoadEntry[] {
    return this.entries.filter((e) => e.acked === kind);
  }

  /** Each phase's operations (by when they were answered), errors and error rate. */
  figures(): PhaseFigures[] {
    return this.#phases.map(({ phase, from }, i) => {
      const to = this.#phases[i + 1]?.from ?? Infinity;
      const ops = this.entries.filter((e) => e.op !== undefined && e.t >= from && e.t < to);
      const errors = ops.filter((e) => !e.ok);
      const statuses: Record<string, number> = {};
      for (const e of errors) statuses[`${e.op} ${e.status}`] = (statuses[`${e.op} ${e.status}`] ?? 0) + 1;
      return { phase, ops: ops.length, errors: errors.length, timeouts: errors.filter((e) => e.status === 'timeout').length, errorRate: ops.length ? errors.length / ops.length : 0, statuses };
    });
  }

  async #until(done: () => boolean, timeoutMs: number, failure: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(failure());
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#waiters.delete(wake);
          resolve();
        };
        this.#waiters.add(wake);
        setTimeout(wake, 1000);
      });
    }
  }
}

/** Errors with a 5xx status other than 503 (a fault of the moment): none may occur, whatever the fault. */
export function serverFaults(f: PhaseFigures): string[] {
  return Object.keys(f.statuses).filter((key) => /^5\d\d$/.test(key.split(' ').pop() ?? '') && !key.endsWith(' 503'));
}

/**
 * Errors a fault does not explain: anything but a 503, a client timeout or a refused or broken
 * connection — a 404 for a key just acknowledged, a 409, a 400 — which a crash must never cause.
 */
export function unexplainedErrors(f: PhaseFigures): string[] {
  return Object.keys(f.statuses).filter((key) => !/ (503|timeout|network: .*)$/.test(key));
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ApiCredentials } from '@dew/testing';

/** One line of cluster-load-process.mjs: an answered operation, or something it acknowledged. */
export interface LoadEntry {
  readonly t: number;
  readonly op?: string;
  readonly ok?: boolean;
  readonly status?: number | string;
  readonly acked?: 'key' | 'grant' | 'secret' | 'version';
  readonly id?: string;
  readonly keyId?: string;
  readonly secret?: string;
  readonly done?: boolean;
}

export interface PhaseFigures {
  readonly phase: string;
  readonly ops: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly errorRate: number;
  readonly statuses: Record<string, number>;
}

/**
 * The load process of cluster.e2e.spec.ts and what it reported. Phases are named windows of its
 * reports: `untilOps` waits for a count of operations answered (a condition, not a sleep).
 */
export class ClusterLoad {
  readonly entries: LoadEntry[] = [];
  readonly #phases: Array<{ phase: string; from: number }> = [];
  readonly #waiters = new Set<() => void>();
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;

  constructor(endpoint: string, creds: ApiCredentials, grantee: string, opts: { workers: number; timeoutMs: number; secretValue: string }) {
    const script = fileURLToPath(new URL('./cluster-load-process.mjs', import.meta.url));
    this.#child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', CLUSTER_LOAD: JSON.stringify({ endpoint, creds, grantee, ...opts }) }, stdio: ['pipe', 'pipe', 'inherit'] });
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
    const deadline = Date.now() + timeoutMs;
    while (this.answered < target) {
      if (Date.now() > deadline) throw new Error(`the load answered ${this.answered} of ${target} operations within ${timeoutMs} ms`);
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
}

import { readFile } from 'node:fs/promises';
import type { RunningNode } from '../nodes/node-launcher.js';

/** One node's figures at one time; a figure the source cannot give is null. */
export interface NodeSample {
  readonly up: boolean;
  readonly cpuPercent: number | null;
  readonly memoryMb: number | null;
  readonly connections: number | null;
  readonly latencyMs: number | null;
}

/**
 * Where monitoring figures come from (docs/hsm.md, "Monitoring"). The node's Health RPC will give
 * connections and latency; until it is wired, the process's own CPU and memory are read from /proc.
 */
export abstract class NodeMetrics {
  abstract sample(node: RunningNode): Promise<NodeSample>;
}

const CLOCK_TICKS = 100;
const PAGE_BYTES = 4096;

/** CPU (since the last sample) and resident memory of the node process, from /proc/<pid>. */
export class ProcessNodeMetrics extends NodeMetrics {
  readonly #last = new Map<number, { ticks: number; at: number }>();

  async sample(node: RunningNode): Promise<NodeSample> {
    try {
      const [stat, statm] = await Promise.all([readFile(`/proc/${node.pid}/stat`, 'utf8'), readFile(`/proc/${node.pid}/statm`, 'utf8')]);
      // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const at = performance.now();
      const last = this.#last.get(node.pid);
      this.#last.set(node.pid, { ticks, at });
      const cpuPercent = last && at > last.at ? Math.round(((ticks - last.ticks) / CLOCK_TICKS / ((at - last.at) / 1000)) * 1000) / 10 : null;
      const memoryMb = Math.round((Number(statm.split(' ')[1]) * PAGE_BYTES) / 1024 / 102.4) / 10;
      return { up: true, cpuPercent, memoryMb, connections: null, latencyMs: null };
    } catch {
      return { up: false, cpuPercent: null, memoryMb: null, connections: null, latencyMs: null };
    }
  }
}

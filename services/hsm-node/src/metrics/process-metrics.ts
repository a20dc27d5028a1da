import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100;
const LATENCY_WINDOW = 1000;

/**
 * Figures of the running node process for monitoring: CPU from /proc/self/stat deltas, RSS,
 * established TCP connections to the ports it serves (/proc/net/tcp), call latencies.
 */
export class ProcessMetrics {
  #lastTicks = cpuTicks();
  #lastAt = Date.now();
  #cpuPercent = 0;
  #latencies: number[] = [];
  #requests = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly served: () => readonly { host: string; port: number }[]) {
    this.#timer = setInterval(() => this.#sampleCpu(), 1000);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  record(ms: number): void {
    this.#requests++;
    this.#latencies.push(ms);
    if (this.#latencies.length > LATENCY_WINDOW) this.#latencies.shift();
  }

  snapshot() {
    const sorted = [...this.#latencies].sort((a, b) => a - b);
    return {
      cpuPercent: this.#cpuPercent,
      rssBytes: process.memoryUsage().rss,
      connections: establishedTo(this.served()),
      requests: this.#requests,
      latencyP50Ms: sorted[Math.floor(sorted.length / 2)] ?? 0,
      latencyMaxMs: sorted[sorted.length - 1] ?? 0,
    };
  }

  #sampleCpu(): void {
    const ticks = cpuTicks();
    const now = Date.now();
    const seconds = (now - this.#lastAt) / 1000;
    if (seconds > 0) this.#cpuPercent = ((ticks - this.#lastTicks) / CLOCK_TICKS / seconds) * 100;
    this.#lastTicks = ticks;
    this.#lastAt = now;
  }
}

function cpuTicks(): number {
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function establishedTo(served: readonly { host: string; port: number }[]): number {
  if (served.length === 0) return 0;
  const wanted = new Set(served.map((s) => `${hexAddress(s.host)}:${s.port.toString(16).toUpperCase().padStart(4, '0')}`));
  return readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1).filter((line) => {
    const cols = line.trim().split(/\s+/);
    return cols[3] === '01' && wanted.has(cols[1] ?? '');
  }).length;
}

// /proc/net/tcp writes IPv4 addresses as the little-endian hex of the 32-bit value.
function hexAddress(ip: string): string {
  return ip.split('.').map((o) => Number(o).toString(16).toUpperCase().padStart(2, '0')).reverse().join('');
}

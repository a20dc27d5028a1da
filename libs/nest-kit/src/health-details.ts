import { requestsHandled } from './bus/requests-handled.js';

const MIB = 1024 * 1024;
const mib = (bytes: number): number => Math.round((bytes / MIB) * 10) / 10;

/** The process's memory as the operator and `make bench` read it: RSS beside what V8 and native buffers hold (MiB). */
export function memoryFigures(): Record<string, number> {
  const m = process.memoryUsage();
  return { rss_mib: mib(m.rss), heap_total_mib: mib(m.heapTotal), heap_used_mib: mib(m.heapUsed), external_mib: mib(m.external), array_buffers_mib: mib(m.arrayBuffers) };
}

/**
 * Figures a service reports with its health (cache sizes, evictions …; its memory and how often
 * the runner restarted it, which replica it is and how many requests it answered always).
 * Made by the service module from the settings (DEW_RESTARTS).
 */
export class HealthDetails {
  readonly #sources: Map<string, () => unknown>;
  constructor(restarts = 0, replica = 1) {
    this.#sources = new Map<string, () => unknown>([['memory', memoryFigures], ['restarts', () => restarts], ['replica', () => replica], ['requests_handled', requestsHandled]]);
  }
  add(name: string, source: () => unknown): void {
    this.#sources.set(name, source);
  }
  read(): Record<string, unknown> {
    return Object.fromEntries([...this.#sources].map(([name, source]) => [name, source()]));
  }
}

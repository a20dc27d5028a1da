import { requestsHandled } from './bus/requests-handled.js';
import { getHeapSpaceStatistics } from 'node:v8';

const MIB = 1024 * 1024;
const mib = (bytes: number): number => Math.round((bytes / MIB) * 10) / 10;

/**
 * The process's memory as the operator and `make bench` read it: RSS beside what V8 and native
 * buffers hold (MiB). The V8 heap's young generation (`new_space_mib`, sized by allocation rate,
 * garbage mostly) is given apart from the rest, whose size follows what the service keeps.
 */
export function memoryFigures(): Record<string, number> {
  const m = process.memoryUsage();
  const young = getHeapSpaceStatistics().filter((s) => s.space_name === 'new_space' || s.space_name === 'new_large_object_space').reduce((sum, s) => sum + s.space_size, 0);
  return { rss_mib: mib(m.rss), heap_total_mib: mib(m.heapTotal), heap_used_mib: mib(m.heapUsed), new_space_mib: mib(young), external_mib: mib(m.external), array_buffers_mib: mib(m.arrayBuffers) };
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

import { HealthDetails } from './health-details.js';

describe('HealthDetails', () => {
  it('reports the process memory (RSS, V8 heap, native buffers in MiB) beside the figures a service adds', () => {
    const details = new HealthDetails();
    details.add('cache', () => ({ size: 3 }));
    const read = details.read() as { memory: Record<string, number>; cache: unknown };
    expect(read.cache).toEqual({ size: 3 });
    expect(Object.keys(read.memory).sort()).toEqual(['array_buffers_mib', 'external_mib', 'heap_total_mib', 'heap_used_mib', 'new_space_mib', 'rss_mib']);
    expect(read.memory.rss_mib).toBeGreaterThan(read.memory.heap_used_mib! / 2);
    expect(read.memory.heap_total_mib).toBeGreaterThanOrEqual(read.memory.heap_used_mib!);
  });
});

describe('HealthDetails of a restarted service', () => {
  it('reports the restart count it was made with, and 0 by default', () => {
    expect(new HealthDetails(3).read().restarts).toBe(3);
    expect(new HealthDetails().read().restarts).toBe(0);
  });
});

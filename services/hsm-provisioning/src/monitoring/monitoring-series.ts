import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HsmMonitoringPoint } from '@dew/contracts';
import { Clock, PeriodicSweep, PINO } from '@dew/nest-kit';
import { NodeSupervisor } from '../nodes/node-supervisor.js';
import { HsmInstanceSets } from '../instances/instance-sets.js';
import { HSM_APPLICATION_PORT } from '../nodes/node-launcher.js';
import { NodeMetrics, type NodeSample } from './node-metrics.js';
import { probeLatencyMs } from './network-probe.js';

const INTERVAL_MS = 60_000;
export const SERIES_WINDOW_MS = 60 * 60_000;

const sum = (values: readonly (number | null)[]): number | null => (values.some((v) => v === null) ? null : Math.round(values.reduce<number>((a, v) => a + (v ?? 0), 0) * 10) / 10);

/**
 * An instance's point: both nodes up is healthy, one is degraded; figures add up over the nodes.
 * The network figures are the floating address's: reachable and how fast, or unreachable.
 */
export function pointOf(at: number, samples: readonly NodeSample[], latencyMs: number | null): HsmMonitoringPoint {
  const up = samples.filter((s) => s.up);
  return {
    time: new Date(at).toISOString(),
    instance_health: up.length === 2 ? 'healthy' : up.length === 1 ? 'degraded' : 'unhealthy',
    network_health: up.length === 0 ? null : latencyMs === null ? 'unreachable' : 'healthy',
    network_latency_ms: latencyMs,
    cpu_usage_percent: up.length > 0 ? sum(up.map((s) => s.cpuPercent)) : null,
    memory_usage_mb: up.length > 0 ? sum(up.map((s) => s.memoryMb)) : null,
    current_connections: up.length > 0 ? sum(up.map((s) => s.connections)) : null,
  };
}

/** Samples every running instance's nodes each minute (and when the test clock moves); keeps the last hour. */
@Injectable()
export class MonitoringSeries extends PeriodicSweep {
  readonly #series = new Map<string, { at: number; point: HsmMonitoringPoint }[]>();

  constructor(private readonly sets: HsmInstanceSets, private readonly nodes: NodeSupervisor, private readonly metrics: NodeMetrics, clock: Clock, @Inject(PINO) log: Logger) {
    super(clock, log, INTERVAL_MS, 'hsm monitoring sample');
  }

  seriesOf(instanceId: string, now: number): HsmMonitoringPoint[] {
    return (this.#series.get(instanceId) ?? []).filter((p) => p.at > now - SERIES_WINDOW_MS).map((p) => p.point);
  }

  protected async sweepOnce(now: number): Promise<void> {
    const live = new Set<string>();
    for (const set of this.sets.all()) {
      for (const instance of set.instances.values()) {
        if (instance.status !== 'Running') continue;
        live.add(instance.id);
        const nodes = this.nodes.nodesOf(instance.id);
        const samples = await Promise.all(nodes.map((n) => this.metrics.sample(n)));
        const latencyMs = nodes.length > 0 && instance.addresses ? await probeLatencyMs(instance.addresses.floating, HSM_APPLICATION_PORT) : null;
        const series = (this.#series.get(instance.id) ?? []).filter((p) => p.at > now - SERIES_WINDOW_MS);
        series.push({ at: now, point: pointOf(now, samples, latencyMs) });
        this.#series.set(instance.id, series);
      }
    }
    for (const id of this.#series.keys()) if (!live.has(id)) this.#series.delete(id);
  }
}

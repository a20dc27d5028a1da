import { Injectable } from '@nestjs/common';
import { ApplianceReports } from '../control/appliance-reports.js';
import type { RunningNode } from '../nodes/node-launcher.js';

/** One node's figures at one time; a figure the source cannot give is null. */
export interface NodeSample {
  readonly up: boolean;
  readonly cpuPercent: number | null;
  readonly memoryMb: number | null;
  readonly connections: number | null;
}

/** Where monitoring figures come from (docs/hsm.md, "Monitoring"). */
export abstract class NodeMetrics {
  abstract sample(node: RunningNode): Promise<NodeSample>;
}

const DOWN: NodeSample = { up: false, cpuPercent: null, memoryMb: null, connections: null };
const tenths = (v: number): number => Math.round(v * 10) / 10;

/**
 * The figures each node measures of itself (CPU from /proc/self/stat, resident memory, established
 * connections to the ports it serves) and reports through the control plane every 5 s; a node
 * whose last report is older than two periods counts as down. The same in Kubernetes, where the
 * nodes' /proc is not this process's to read.
 */
@Injectable()
export class ReportedNodeMetrics extends NodeMetrics {
  constructor(private readonly reports: ApplianceReports) {
    super();
  }

  async sample(node: RunningNode): Promise<NodeSample> {
    const r = this.reports.latest(node.spec.instanceId, node.spec.nodeId);
    if (!r) return DOWN;
    return { up: true, cpuPercent: tenths(r.cpuPercent), memoryMb: tenths(r.rssBytes / 1024 / 1024), connections: r.connections };
  }
}

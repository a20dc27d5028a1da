import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { dhsmApplianceOperations } from '@dew/contracts';
import type { CallRecord, HealthReport, NodeIdentity, NodeReports } from '@dew/hsm-control';
import { Audit, auditTraceOf } from '@dew/nest-kit';
import { status } from '@grpc/grpc-js';
import { HsmInstanceSets } from '../instances/instance-sets.js';

/** How long a node's last report counts: two missed reports (every 5 s) and it is taken for down. */
export const REPORT_FRESH_MS = 12_000;

const STATUS_NAMES = Object.fromEntries(Object.entries(status).filter(([, v]) => typeof v === 'number').map(([k, v]) => [v, k])) as Record<number, string>;

/**
 * What the nodes report through the control plane (docs/hsm.md, "Monitoring" and "Traces"):
 * their latest figures, kept for monitoring, and their calls, stored in the audit trail under the
 * project that owns the instance before the node answers its caller.
 */
@Injectable()
export class ApplianceReports implements NodeReports {
  readonly #health = new Map<string, { report: HealthReport; at: number }>();

  constructor(private readonly sets: HsmInstanceSets, private readonly audit: Audit) {}

  health(node: NodeIdentity, report: HealthReport): void {
    this.#health.set(`${node.instanceId}:${node.nodeId}`, { report, at: Date.now() });
  }

  /** The node's last report, if it came within REPORT_FRESH_MS of `now` (wall clock). */
  latest(instanceId: string, nodeId: 'a' | 'b', now = Date.now()): HealthReport | undefined {
    const last = this.#health.get(`${instanceId}:${nodeId}`);
    return last && now - last.at <= REPORT_FRESH_MS ? last.report : undefined;
  }

  async call(node: NodeIdentity, record: CallRecord): Promise<void> {
    // Own keys only: `constructor` or `toString` must not pass for an operation.
    const row = Object.hasOwn(dhsmApplianceOperations, record.operation)
      ? (dhsmApplianceOperations as Record<string, (typeof dhsmApplianceOperations)[keyof typeof dhsmApplianceOperations]>)[record.operation]
      : undefined;
    if (!row) throw new Error(`node ${node.nodeId} of ${node.instanceId} reported an operation DEW does not trace: ${JSON.stringify(record.operation)}`);
    const projectId = this.#projectOf(node.instanceId);
    const served = record.code === 0;
    const trace = auditTraceOf(row);
    await this.audit.record(
      { requestId: randomUUID(), projectId, domainId: '', userId: record.caller, userName: record.caller, sourceIp: record.sourceIp, traceType: 'ApiCall', iamDecision: 'Allow' },
      {
        traceName: trace.name, resourceType: trace.resourceType, resourceId: record.resourceId, resourceName: record.resourceName, request: record.request,
        serviceType: 'HSM', readOnly: !row.flags.changesState || !served,
        ...(served ? {} : { rating: 'warning' as const, code: STATUS_NAMES[record.code] ?? String(record.code), message: record.message, locationInfo: `node ${node.nodeId}` }),
      },
    );
  }

  #projectOf(instanceId: string): string {
    for (const set of this.sets.all()) if (set.instances.has(instanceId)) return set.projectId;
    throw new Error(`no project holds instance ${instanceId}`);
  }
}

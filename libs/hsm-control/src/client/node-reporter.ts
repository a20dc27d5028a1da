import type { CallRecord, HealthReport } from '../server/reports-service.js';
import type { ControlClient } from './control-client.js';

/** What a node tells the control plane about itself: its figures, and each call for the audit trail. */
export class NodeReporter {
  constructor(private readonly control: ControlClient) {}

  async health(report: HealthReport): Promise<void> {
    await this.control.call('reportHealth', report);
  }

  /** Resolves once the record is stored in the audit trail. */
  async call(record: CallRecord): Promise<void> {
    await this.control.call('recordCall', record);
  }
}

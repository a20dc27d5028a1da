import type { ControlClient } from './control-client.js';

/** The instance's lease through the control plane: the shape of KvLease (@dew/messaging) the node used. */
export class ControlLease {
  /**
   * `deadlineMs` bounds each lease call: a renewal must fail well within the TTL, or the holder
   * could serve on after its lease lapsed (docs/hsm-appliance.md "Lease").
   */
  constructor(private readonly control: ControlClient, private readonly deadlineMs: number) {}

  /** True while this node holds the lease; call at least once per TTL to keep it. */
  async tryAcquire(): Promise<boolean> {
    return (await this.control.call<{ held: boolean }>('tryAcquireLease', {}, this.deadlineMs)).held;
  }

  async release(): Promise<void> {
    await this.control.call('releaseLease', {}, this.deadlineMs).catch(() => undefined);
  }
}

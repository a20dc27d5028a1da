import type { ControlClient } from './control-client.js';

/** The instance's lease through the control plane: the shape of KvLease (@dew/messaging) the node used. */
export class ControlLease {
  constructor(private readonly control: ControlClient) {}

  /** True while this node holds the lease; call at least once per TTL to keep it. */
  async tryAcquire(): Promise<boolean> {
    return (await this.control.call<{ held: boolean }>('tryAcquireLease', {})).held;
  }

  async release(): Promise<void> {
    await this.control.call('releaseLease', {}).catch(() => undefined);
  }
}
